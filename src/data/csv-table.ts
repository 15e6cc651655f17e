/**
 * The wide CSV form of a latency table: header
 * `index,arch,<device...>[,acc:<name>...]`, one row per architecture in index
 * order, latencies in ms, accuracies in %, an empty cell for a missing value.
 * Export and import round-trip.
 */
import { readFile } from "node:fs/promises";
import { InvalidDataError } from "../errors.js";
import { formatCsv, parseCsv } from "../io/csv.js";
import { nb201Parse, type Nb201Index } from "../spaces/nb201.js";
import type { SpaceName } from "../spaces/space.js";
import { LatencyTable } from "./latency-table.js";

/** A cell as an error message shows it: quoted, cut to 40 characters. */
const shown = (cell: string): string => JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}...` : cell);

/** The largest row index a table holds (32-bit signed). */
const INDEX_MAX = 2 ** 31 - 1;

/** Shortest decimal that reads back as the same double; empty for NaN. */
function num(v: number): string {
  return Number.isNaN(v) ? "" : String(v);
}

/**
 * The table as CSV text, rows in index order.
 *
 * @example
 * ```ts
 * writeFileSync("help.csv", tableToCsv(table));
 * ```
 */
export function tableToCsv(table: LatencyTable): string {
  const order = table.rowsInIndexOrder();
  const devices = table.deviceNames;
  const accs = table.accuracyNames;
  const lat = devices.map((d) => table.latencyView(d));
  const acc = accs.map((a) => table.accuracy(a));
  const records: string[][] = [["index", "arch", ...devices, ...accs.map((a) => `acc:${a}`)]];
  for (const r of order) records.push([String(table.indexAt(r)), table.archAt(r), ...lat.map((c) => num(c[r] as number)), ...acc.map((c) => num(c[r] as number))]);
  return formatCsv(records);
}

/**
 * Reads a wide CSV as a table of the given search space. An `index` column is
 * kept as the index, otherwise rows are numbered from 0; `acc:<name>` columns
 * are accuracies; every other column is a device's latency in ms. Empty cells,
 * `NaN` and `-1` are missing. With `officialIndex` (NAS-Bench-201), a given
 * index must be the architecture's official one.
 *
 * @throws {InvalidDataError} naming the file, line and column for a missing `arch` column, a value that is not a number, an index that is not the official one, or anything {@link LatencyTable.create} rejects
 * @example
 * ```ts
 * const t = tableFromCsv(readFileSync("mine.csv", "utf8"), { space: "nb201", file: "mine.csv" });
 * ```
 */
export function tableFromCsv(text: string, options: { space: SpaceName; file?: string; officialIndex?: Nb201Index }): LatencyTable {
  const file = options.file ?? "<csv>";
  const records = parseCsv(text, file);
  if (records.length === 0) throw new InvalidDataError(`${file}: empty; expected a header "index,arch,<device...>[,acc:<name>...]"`);
  const header = records[0] as string[];
  const archCol = header.indexOf("arch");
  if (archCol < 0) throw new InvalidDataError(`${file}: no "arch" column; header is ${header.join(",")}; expected "index,arch,<device...>[,acc:<name>...]"`);
  const indexCol = header.indexOf("index");
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new InvalidDataError(`${file}: column ${JSON.stringify(h)} appears twice in the header`);
    seen.add(h);
  }
  const rows = records.slice(1);
  const value = (cell: string, line: number, column: string): number => {
    const t = cell.trim();
    if (t === "" || t === "NaN" || t === "nan") return Number.NaN;
    const v = Number(t);
    if (!Number.isFinite(v)) throw new InvalidDataError(`${file}: line ${line}, column ${column}: ${shown(cell)} is not a number`);
    return v;
  };
  const devices: { info: { name: string; source: string }; values: Float64Array }[] = [];
  // user-named keys: no prototype, so that a column named acc:__proto__ is a column (and then refused by name), never lost
  const accuracies: Record<string, Float64Array> = Object.create(null) as Record<string, Float64Array>;
  header.forEach((h, j) => {
    if (j === archCol || j === indexCol) return;
    const col = Float64Array.from(rows, (r, k) => value(r[j] as string, k + 2, h));
    if (h.startsWith("acc:")) accuracies[h.slice(4)] = col;
    else devices.push({ info: { name: h, source: file }, values: col });
  });
  let indices: Int32Array | undefined;
  if (indexCol >= 0) {
    indices = Int32Array.from(rows, (r, k) => {
      const v = Number((r[indexCol] as string).trim());
      if (!Number.isInteger(v) || v < 0 || v > INDEX_MAX || (r[indexCol] as string).trim() === "") throw new InvalidDataError(`${file}: line ${k + 2}, column index: ${shown(r[indexCol] as string)} is not an integer in 0..${INDEX_MAX}`);
      return v;
    });
  }
  const table = LatencyTable.create({ space: options.space, archs: rows.map((r) => (r[archCol] as string).trim()), ...(indices ? { indices } : {}), devices, accuracies, source: file });
  if (indices && options.officialIndex && options.space === "nb201") checkOfficialIndices(table, options.officialIndex, file);
  return table;
}

/** Every row's index is its architecture's official NAS-Bench-201 index (lines are file lines: header 1, first row 2). */
function checkOfficialIndices(table: LatencyTable, official: Nb201Index, file: string): void {
  for (let r = 0; r < table.rows; r++) {
    const want = official.indexOf(nb201Parse(table.archAt(r)));
    const got = table.indexAt(r);
    if (got !== want) throw new InvalidDataError(`${file}: line ${r + 2}, column index: ${got} is not the official NAS-Bench-201 index of ${table.archAt(r)} (${want}); give its index, or leave the index column out`);
  }
}

/**
 * Reads a CSV file as a table (see {@link tableFromCsv}). `officialIndex` is
 * loaded only for a NAS-Bench-201 file with an `index` column, to check it.
 */
export async function readTableCsv(path: string, space: SpaceName, options: { officialIndex?: () => Promise<Nb201Index> } = {}): Promise<LatencyTable> {
  const text = await readFile(path, "utf8");
  const firstLine = text.slice(0, text.indexOf("\n") < 0 ? text.length : text.indexOf("\n"));
  const indexed = space === "nb201" && options.officialIndex !== undefined && (parseCsv(firstLine, path)[0] ?? []).some((h) => h.trim() === "index");
  return tableFromCsv(text, { space, file: path, ...(indexed && options.officialIndex ? { officialIndex: await options.officialIndex() } : {}) });
}
