/**
 * `nb201-accuracy`: NATS-Bench topology accuracies (CIFAR-10, CIFAR-100,
 * ImageNet16-120 test accuracy in % after 200 epochs, mean over seeds), one
 * row per NAS-Bench-201 architecture in index order.
 */
import path from "node:path";
import { InvalidDataError } from "../errors.js";
import { parseCsv } from "../io/csv.js";
import { NB201_SIZE } from "../spaces/nb201.js";
import { fetchDataset, readVerified, type FetchOptions } from "./fetch.js";
import { LatencyTable } from "./latency-table.js";

/** Source column -> accuracy name in proxynas tables. */
export const NATS_ACCURACY_COLUMNS: Readonly<Record<string, string>> = {
  CIFAR10TestAccuracy200Epochs: "cifar10",
  CIFAR100TestAccuracy200Epochs: "cifar100",
  ImageNetTestAccuracy200Epochs: "imagenet16_120",
};

/**
 * Loads `nb201-accuracy` as a table with accuracy columns `cifar10`,
 * `cifar100`, `imagenet16_120` and no devices.
 *
 * @example
 * ```ts
 * const acc = await loadNb201Accuracy({ mirror: "../shared/datasets" });
 * acc.accuracy("cifar10")[0]; // 85.863...
 * ```
 */
export async function loadNb201Accuracy(options: FetchOptions = {}): Promise<LatencyTable> {
  const ds = await fetchDataset("nb201-accuracy", { ...options, verify: false });
  const f = ds.files[0];
  if (!f) throw new InvalidDataError("dataset nb201-accuracy: registry lists no file");
  const file = path.join(ds.root, f.path);
  const records = parseCsv((await readVerified(ds.root, f)).toString("utf8"), file);
  const header = records[0] ?? [];
  const archCol = header.indexOf("ArchitectureString");
  if (archCol < 0) throw new InvalidDataError(`${file}: no ArchitectureString column; header: ${header.join(",")}`);
  const rows = records.slice(1);
  if (rows.length !== NB201_SIZE) throw new InvalidDataError(`${file}: ${rows.length} rows, expected ${NB201_SIZE}`);
  const accuracies: Record<string, Float64Array> = {};
  for (const [col, name] of Object.entries(NATS_ACCURACY_COLUMNS)) {
    const j = header.indexOf(col);
    if (j < 0) throw new InvalidDataError(`${file}: no ${col} column; header: ${header.join(",")}`);
    accuracies[name] = Float64Array.from(rows, (r, k) => {
      const v = Number(r[j]);
      if (r[j] === "" || !Number.isFinite(v)) throw new InvalidDataError(`${file}: line ${k + 2}, column ${col}: ${JSON.stringify(r[j])} is not a number`);
      return v;
    });
  }
  return LatencyTable.create({ space: "nb201", archs: rows.map((r) => r[archCol] as string), devices: [], accuracies, source: "nb201-accuracy" });
}
