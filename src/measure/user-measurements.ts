/**
 * Measurements into what adaptation reads: the target's latency keyed by the
 * row of each architecture in a latency table, from a user's CSV or from a
 * measurement file. One rule for both: an architecture the table lacks is a
 * typed error naming where it was read.
 */
import { readCsv } from "../io/csv.js";
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidDataError, NotFoundError } from "../errors.js";
import { combinePasses, referenceScale, type MeasurementFile } from "./measurement-file.js";

/** A plain decimal number (no hex, no Infinity, no stray text). */
const DECIMAL = /^[+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A latency cell, the one rule for measurements: a decimal number of
 * milliseconds > 0; empty for a failed measurement and -1 for one not made
 * (the public datasets' sentinel), both missing (NaN). A bad cell is named,
 * cut to 40 characters.
 */
function latencyCell(cell: string, where: string): number {
  if (cell === "" || cell === "-1") return Number.NaN;
  const v = DECIMAL.test(cell) ? Number(cell) : Number.NaN;
  if (!(Number.isFinite(v) && v > 0)) throw new InvalidDataError(`${where}: ${JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}...` : cell)} is not a latency (a decimal number of milliseconds > 0; empty for a failed measurement, -1 for one not made)`);
  return v;
}

/**
 * The table row of an architecture; a typed error naming `where` when the
 * table has no such architecture: NotFoundError by default, or the class a
 * caller names (a line of a file is data: InvalidDataError).
 */
function rowOfArch(table: LatencyTable, arch: string | undefined, where: string, Missing: new (message: string) => Error = NotFoundError): number {
  const text = (arch ?? "").trim();
  const shown = text.length > 120 ? `${text.slice(0, 120)}...` : text;
  let row: number | undefined;
  try {
    row = table.rowOfArch(text);
  } catch (e) {
    throw new InvalidDataError(`${where}: ${JSON.stringify(shown)} is not a ${table.space} architecture (${(e as Error).message.slice(0, 200)})`, { cause: e });
  }
  if (row === undefined) throw new Missing(`${where}: architecture ${shown} is not in ${table.source}`);
  return row;
}

/** {@link rowOfArch} for a line of a CSV file: an InvalidDataError naming file and line. */
function rowOfArchAt(file: string, table: LatencyTable, arch: string | undefined, line: number): number {
  return rowOfArch(table, arch, `${file}: line ${line}`, InvalidDataError);
}

/**
 * A user's measurements from a CSV: `arch,latency_ms`, or a wide CSV with an
 * `arch` column and one latency column (`column` names it when there are
 * several, e.g. a measurement file's runtime), keyed by the table's row of
 * each architecture. An empty cell is a failed measurement (NaN).
 *
 * @throws {InvalidDataError} naming the file and line: no such columns, an architecture not in the table, one measured twice, a value that is not a latency
 * @example
 * ```ts
 * const m = await readMeasurements("mine.csv", help);
 * adaptTarget(ctx, (row) => m.get(row) as number, { samples: m.size, rows: [...m.keys()] });
 * ```
 */
export async function readMeasurements(file: string, table: LatencyTable, options: { column?: string } = {}): Promise<Map<number, number>> {
  const column = options.column;
  const records = await readCsv(file);
  const header = records[0] ?? [];
  const a = header.indexOf("arch");
  const twice = header.find((h, j) => header.indexOf(h) !== j);
  if (twice !== undefined) throw new InvalidDataError(`${file}: column ${JSON.stringify(twice)} appears twice in the header`);
  const cols = header.filter((h) => h !== "arch" && h !== "index" && !h.startsWith("acc:"));
  const name = column ?? (header.includes("latency_ms") ? "latency_ms" : cols.length === 1 ? cols[0] : undefined);
  if (a < 0 || name === undefined || !header.includes(name)) {
    throw new InvalidDataError(`${file}: expected columns arch,latency_ms (or one latency column, or --column NAME); header: ${header.join(",")}`);
  }
  const j = header.indexOf(name);
  const out = new Map<number, number>();
  records.slice(1).forEach((r, k) => {
    const row = rowOfArchAt(file, table, r[a], k + 2);
    const v = latencyCell((r[j] as string).trim(), `${file}: line ${k + 2}, column ${name}`);
    if (out.has(row)) throw new InvalidDataError(`${file}: line ${k + 2}: architecture ${r[a]} is measured twice`);
    out.set(row, v);
  });
  if (out.size === 0) throw new InvalidDataError(`${file}: no measurements after the header; expected one line per architecture (arch,latency_ms)`);
  return out;
}

/**
 * The rows of the architectures a CSV names in its `arch` column (a
 * `proxynas select` output, or measurements): those already chosen.
 *
 * @throws {InvalidDataError} naming the file and line for a missing column or an architecture not in the table
 * @example
 * ```ts
 * const chosen = await readArchRows("to-measure.csv", help);
 * ```
 */
export async function readArchRows(file: string, table: LatencyTable): Promise<Set<number>> {
  const records = await readCsv(file);
  const header = records[0] ?? [];
  const a = header.indexOf("arch");
  if (a < 0) throw new InvalidDataError(`${file}: expected an arch column (a 'proxynas select' output or your measurements); header: ${header.join(",")}`);
  const out = new Set<number>();
  records.slice(1).forEach((r, k) => out.add(rowOfArchAt(file, table, r[a], k + 2)));
  return out;
}

/**
 * A runtime's latencies from a measurement file, keyed by the row of the
 * same architecture in a table (NaN where every pass failed): the
 * `measure(row)` that adaptation takes.
 *
 * @throws {NotFoundError} for a runtime the file does not hold, or an architecture the table does not have
 * @example
 * ```ts
 * const m = measurementsFor(help, file, "node-wasm");
 * adaptTarget(ctx, (row) => m.get(row) as number, { samples: m.size, rows: [...m.keys()] });
 * ```
 */
export function measurementsFor(table: LatencyTable, file: MeasurementFile, runtime: string): Map<number, number> {
  const sec = file.runtimes[runtime];
  if (!sec) throw new NotFoundError(`measurementsFor: runtime ${JSON.stringify(runtime)} is not in the file; it holds ${Object.keys(file.runtimes).join(", ") || "none"}`);
  const out = new Map<number, number>();
  for (const c of combinePasses(sec.results, referenceScale(sec.results)).values()) {
    const row = rowOfArch(table, c.arch, "measurementsFor");
    out.set(row, c.ok ? c.medianMs : Number.NaN);
  }
  return out;
}
