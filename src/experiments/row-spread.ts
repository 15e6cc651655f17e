/**
 * How a subset of NAS-Bench-201's rows differs from the whole space: the
 * share of edges whose operation is `none`, and the spread of the devices'
 * log latencies. Fewer `none` edges mean fewer cheap architectures, so log
 * latencies spread less wide and the same measurement noise costs more rank
 * correlation: it is why a ceiling on OneProxy's 1,999 rows sits below the
 * same ceiling on all 15,625.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError, InvalidDataError, NotFoundError } from "../errors.js";
import { nb201Parse } from "../spaces/nb201.js";

/** The subset's and the whole table's `none` share and mean log-latency standard deviation. */
export interface RowSpread {
  /** Share of the subset's edges (6 per architecture) that are `none`. */
  readonly noneShareRows: number;
  /** The same over every row of the table. */
  readonly noneShareAll: number;
  /** Mean over the devices of the standard deviation of log latency on the subset's rows. */
  readonly logSdRows: number;
  /** The same over every row of the table with a latency. */
  readonly logSdAll: number;
}

/**
 * Compares the rows `archs` of a NAS-Bench-201 table with all its rows, on
 * the given devices.
 *
 * @throws {InvalidArgumentError} when the table is not NAS-Bench-201, no device is given, or fewer than 2 architectures
 * @throws {NotFoundError} naming an architecture or device the table does not hold
 * @throws {InvalidDataError} naming a zero, negative or infinite latency
 * @example
 * ```ts
 * const joined = dissimilarSplitTable(await loadJoinedNb201(), DISSIMILAR_SPLITS[1]);
 * rowSpread(help, joined.archs(), ["1080ti_1"]); // none 0.095 against 0.2; log sd 0.145 against 0.252
 * ```
 */
export function rowSpread(table: LatencyTable, archs: readonly string[], devices: readonly string[]): RowSpread {
  if (table.space !== "nb201") throw new InvalidArgumentError(`rowSpread: ${table.source} is a ${table.space} table; valid: a NAS-Bench-201 table`);
  if (devices.length === 0) throw new InvalidArgumentError("rowSpread: no device; give at least one of the table's devices");
  if (archs.length < 2) throw new InvalidArgumentError(`rowSpread: ${archs.length} architectures; need at least 2`);
  const rows = archs.map((a) => {
    const r = table.rowOfArch(a);
    if (r === undefined) throw new NotFoundError(`rowSpread: architecture ${JSON.stringify(a)} is not in ${table.source}`);
    return r;
  });
  const all = Array.from({ length: table.rows }, (_, r) => r);
  const noneShare = (rs: readonly number[]) => rs.reduce((n, r) => n + nb201Parse(table.archAt(r)).filter((o) => o === 0).length, 0) / (6 * rs.length);
  const logSd = (rs: readonly number[]) =>
    devices.reduce((acc, d) => {
      const col = table.latencyView(d);
      const logs: number[] = [];
      for (const r of rs) {
        const v = col[r] as number;
        if (Number.isNaN(v)) continue;
        if (!(v > 0) || !Number.isFinite(v)) throw new InvalidDataError(`rowSpread: ${d} has latency ${v} at row ${r} of ${table.source}; valid: a finite latency > 0 ms, or NaN for a missing one`);
        logs.push(Math.log(v));
      }
      if (logs.length < 2) throw new InvalidDataError(`rowSpread: ${d} has ${logs.length} latencies on the rows asked for; need at least 2`);
      const m = logs.reduce((a, b) => a + b, 0) / logs.length;
      return acc + Math.sqrt(logs.reduce((a, b) => a + (b - m) ** 2, 0) / (logs.length - 1));
    }, 0) / devices.length;
  return { noneShareRows: noneShare(rows), noneShareAll: noneShare(all), logSdRows: logSd(rows), logSdAll: logSd(all) };
}
