/**
 * HELP's latency datasets: `help-nb201` (27 devices x 15,625 NAS-Bench-201
 * architectures, rows in the official index order) and `help-ofa` (12 GPU
 * settings x 5,000 Once-for-All subnets, rows in file order).
 */
import path from "node:path";
import { InvalidDataError } from "../errors.js";
import { parseTorch } from "../io/torch.js";
import { Nb201Index, NB201_SIZE, nb201Format } from "../spaces/nb201.js";
import { ofaFormat, ofaNormalize } from "../spaces/ofa.js";
import { fetchDataset, readVerified, type FetchOptions, type FetchedDataset } from "./fetch.js";
import { LatencyTable } from "./latency-table.js";
import type { DatasetFile } from "./registry.js";

async function torchFile(ds: FetchedDataset, f: DatasetFile): Promise<unknown> {
  return parseTorch(await readVerified(ds.root, f), path.join(ds.root, f.path));
}

function fileNamed(ds: FetchedDataset, p: string): DatasetFile {
  const f = ds.files.find((x) => x.path === p);
  if (!f) throw new InvalidDataError(`dataset ${ds.name}: registry lists no ${p}`);
  return f;
}

/** The batch size in a HELP device name (`titan_rtx_256` -> 256), when it ends in one. */
export function batchSizeOf(device: string): number | undefined {
  const m = /_(\d+)$/.exec(device);
  return m ? Number(m[1]) : undefined;
}

async function latencyColumns(ds: FetchedDataset, dir: string, rows: number) {
  const files = ds.files.filter((f) => f.path.startsWith(dir)).sort((a, b) => a.path.localeCompare(b.path));
  return Promise.all(
    files.map(async (f) => {
      const name = path.basename(f.path, ".pt");
      const values = await torchFile(ds, f);
      if (!Array.isArray(values) || values.length !== rows || !values.every((v) => typeof v === "number")) {
        throw new InvalidDataError(`${path.join(ds.root, f.path)}: expected a list of ${rows} latencies (ms), got ${Array.isArray(values) ? `${values.length} values` : typeof values}`);
      }
      const batchSize = batchSizeOf(name);
      return { info: { name, source: ds.name, ...(batchSize === undefined ? {} : { batchSize }) }, values: values as number[] };
    }),
  );
}

/**
 * The NAS-Bench-201 official index from HELP's `str_arch2idx.pt`, read from
 * `help-nb201` (or from a fetched dataset whose registry lists that file).
 *
 * @example
 * ```ts
 * const index = await loadNb201Index({ mirror: "../shared/datasets" });
 * ```
 */
export async function loadNb201Index(options: FetchOptions = {}): Promise<Nb201Index> {
  return nb201IndexOf(await fetchDataset("help-nb201", { ...options, verify: false }));
}

/** The index from a fetched dataset that lists `help/nasbench201/str_arch2idx.pt`. */
export async function nb201IndexOf(ds: FetchedDataset): Promise<Nb201Index> {
  const f = fileNamed(ds, "help/nasbench201/str_arch2idx.pt");
  const map = await torchFile(ds, f);
  if (typeof map !== "object" || map === null || Array.isArray(map)) throw new InvalidDataError(`${path.join(ds.root, f.path)}: expected a dict of architecture strings to indices`);
  return Nb201Index.fromEntries(Object.entries(map as Record<string, number>), path.join(ds.root, f.path));
}

/**
 * `help-nb201`: 27 devices x 15,625 architectures, rows in the official index order.
 *
 * @example
 * ```ts
 * const t = await loadHelpNb201({ mirror: "../shared/datasets" });
 * t.latency("pixel3")[0]; // 3.60585
 * ```
 */
export async function loadHelpNb201(options: FetchOptions = {}): Promise<LatencyTable> {
  const ds = await fetchDataset("help-nb201", { ...options, verify: false });
  const index = await nb201IndexOf(ds);
  const archs = Array.from({ length: NB201_SIZE }, (_, i) => nb201Format(index.archAt(i)));
  const devices = await latencyColumns(ds, "help/nasbench201/latency/", NB201_SIZE);
  return LatencyTable.create({ space: "nb201", archs, indices: Int32Array.from({ length: NB201_SIZE }, (_, i) => i), devices, source: "help-nb201" });
}

/**
 * `help-ofa`: 12 GPU settings x 5,000 Once-for-All subnets, rows in file order
 * (the index is the row position).
 */
export async function loadHelpOfa(options: FetchOptions = {}): Promise<LatencyTable> {
  const ds = await fetchDataset("help-ofa", { ...options, verify: false });
  const f = fileNamed(ds, "help/ofa/ofa_archs.pt");
  const doc = (await torchFile(ds, f)) as { arch?: unknown };
  if (!Array.isArray(doc?.arch)) throw new InvalidDataError(`${path.join(ds.root, f.path)}: expected {arch: [{ks, e, d, r}, ...]}`);
  const archs = (doc.arch as { ks: number[]; e: number[]; d: number[]; r: number }[]).map((a, i) => {
    try {
      return ofaFormat(ofaNormalize(a));
    } catch (e) {
      throw new InvalidDataError(`${path.join(ds.root, f.path)}: subnet ${i}: ${(e as Error).message}`, { cause: e });
    }
  });
  const devices = await latencyColumns(ds, "help/ofa/latency/", archs.length);
  return LatencyTable.create({ space: "ofa-mbv3", archs, devices, source: "help-ofa" });
}

/**
 * HELP's reference architectures (the 10 measured on a device to describe it), as row indices.
 *
 * @example
 * ```ts
 * const refs = await loadReferenceArchitectures("help-nb201"); // 10 row indices
 * ```
 */
export async function loadReferenceArchitectures(dataset: "help-nb201" | "help-ofa", options: FetchOptions = {}): Promise<number[]> {
  const ds = await fetchDataset(dataset, { ...options, verify: false });
  const f = fileNamed(ds, dataset === "help-nb201" ? "help/nasbench201/hardware_embedding_index.pt" : "help/ofa/hardware_embedding_index.pt");
  const v = await torchFile(ds, f);
  if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x))) throw new InvalidDataError(`${path.join(ds.root, f.path)}: expected a list of indices`);
  return v as number[];
}
