/**
 * `oneproxy-nb201`: OneProxy's 18 devices x 1,999 NAS-Bench-201
 * architectures. The files carry no NAS-Bench-201 index: each row is mapped to
 * one through its one-hot encoding (`encode.pickle`), and the table is returned
 * in index order.
 */
import path from "node:path";
import { InvalidDataError } from "../errors.js";
import { unpickle } from "../io/pickle.js";
import { nb201Format, nb201FromOneHot } from "../spaces/nb201.js";
import { fetchDataset, readVerified, type FetchOptions } from "./fetch.js";
import { LatencyTable } from "./latency-table.js";
import { nb201IndexOf } from "./load-help.js";


/**
 * Loads `oneproxy-nb201` in NAS-Bench-201 index order.
 *
 * @throws {InvalidDataError} when an encoding row is malformed, two rows map to one architecture, or a file's length differs
 * @example
 * ```ts
 * const t = await loadOneProxy({ mirror: "../shared/datasets" });
 * t.missingCount("rice_edgetpu"); // { missing: 259, sentinels: 259 }
 * ```
 */
export async function loadOneProxy(options: FetchOptions = {}): Promise<LatencyTable> {
  const ds = await fetchDataset("oneproxy-nb201", { ...options, verify: false });
  const read = async (p: string) => {
    const f = ds.files.find((x) => x.path === p);
    if (!f) throw new InvalidDataError(`dataset oneproxy-nb201: registry lists no ${p}`);
    return unpickle(await readVerified(ds.root, f), { file: path.join(ds.root, p) }).value;
  };
  const encFile = path.join(ds.root, "oneproxy/encode.pickle");
  const encode = await read("oneproxy/encode.pickle");
  if (!Array.isArray(encode)) throw new InvalidDataError(`${encFile}: expected a list of one-hot rows`);
  // str_arch2idx.pt is one of this dataset's own files: no other dataset is fetched
  const index = await nb201IndexOf(ds);
  const rowIndex = (encode as number[][]).map((row, r) => {
    try {
      return index.indexOf(nb201FromOneHot(row));
    } catch (e) {
      throw new InvalidDataError(`${encFile}: row ${r}: ${(e as Error).message}`, { cause: e });
    }
  });
  const firstRow = new Map<number, number>();
  rowIndex.forEach((i, r) => {
    const prev = firstRow.get(i);
    if (prev !== undefined) throw new InvalidDataError(`${encFile}: rows ${prev} and ${r} encode the same architecture (NAS-Bench-201 index ${i})`);
    firstRow.set(i, r);
  });
  const order = rowIndex.map((i, r) => [i, r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  const files = ds.files.filter((f) => f.path.startsWith("oneproxy/latency_data/")).sort((a, b) => a.path.localeCompare(b.path));
  const devices = await Promise.all(
    files.map(async (f) => {
      const name = path.basename(f.path, ".pickle");
      const v = await read(f.path);
      if (!Array.isArray(v) || v.length !== encode.length || !v.every((x) => typeof x === "number")) {
        throw new InvalidDataError(`${path.join(ds.root, f.path)}: expected ${encode.length} latencies (one per encode.pickle row), got ${Array.isArray(v) ? v.length : typeof v}`);
      }
      const values = v as number[];
      return { info: { name, source: "oneproxy-nb201" }, values: order.map((r) => values[r] as number) };
    }),
  );
  return LatencyTable.create({
    space: "nb201",
    archs: order.map((r) => nb201Format(index.archAt(rowIndex[r] as number))),
    indices: order.map((r) => rowIndex[r] as number),
    devices,
    source: "oneproxy-nb201",
  });
}
