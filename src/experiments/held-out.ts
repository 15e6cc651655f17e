/**
 * Judging a prediction made over one table's rows (e.g. every NAS-Bench-201
 * architecture) on measurements taken elsewhere: another table's column,
 * joined on the architecture, and the SRCC of the prediction on those rows.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError } from "../errors.js";
import { spearman } from "../stats/correlation.js";

/** The rows of `table` that the other table measured, and those measurements. */
export interface HeldOut {
  readonly column: string;
  /** Rows of the predicted table, in the other table's order. */
  readonly rows: readonly number[];
  readonly truth: Float64Array;
}

/**
 * The architectures `measured` holds a valid latency for in `column`, as rows of `table`.
 *
 * @throws {InvalidArgumentError} when the tables are of different spaces, the column is unknown, or no architecture is shared
 * @example
 * ```ts
 * const judge = heldOut(help, await loadTable("local-nb201"), "node-wasm");
 * heldOutSrcc(judge, adapted.predictions);
 * ```
 */
export function heldOut(table: LatencyTable, measured: LatencyTable, column: string): HeldOut {
  if (table.space !== measured.space) throw new InvalidArgumentError(`held out: ${measured.source} is a ${measured.space} table, ${table.source} a ${table.space} one`);
  if (!measured.deviceNames.includes(column)) throw new InvalidArgumentError(`held out: ${measured.source} has no column ${column}; its columns: ${measured.deviceNames.join(", ")}`);
  const lat = measured.latency(column);
  const rows: number[] = [];
  const truth: number[] = [];
  for (let r = 0; r < measured.rows; r++) {
    const row = table.rowOfArch(measured.archAt(r));
    if (row === undefined || Number.isNaN(lat[r] as number)) continue;
    rows.push(row);
    truth.push(lat[r] as number);
  }
  if (!rows.length) throw new InvalidArgumentError(`held out: ${measured.source} measured none of ${table.source}'s architectures in ${column}`);
  return { column, rows, truth: Float64Array.from(truth) };
}

/**
 * SRCC of a prediction over the predicted table's rows against the held-out measurements.
 *
 * @throws {InvalidArgumentError} when the prediction does not cover the held-out rows
 * @example
 * ```ts
 * heldOutSrcc(heldOut(help, local, "node-wasm"), help.latency("pixel3"));
 * ```
 */
export function heldOutSrcc(judge: HeldOut, predictions: ArrayLike<number>): number {
  const far = judge.rows.find((r) => r >= predictions.length);
  if (far !== undefined) throw new InvalidArgumentError(`held out: the prediction has ${predictions.length} rows; row ${far} is held out`);
  return spearman(judge.rows.map((r) => predictions[r] as number), judge.truth).value;
}
