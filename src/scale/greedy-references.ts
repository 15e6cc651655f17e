/**
 * A reference set chosen on the pool: the architectures whose latencies best
 * predict every other architecture's, across the pool's devices.
 *
 * The pool's log latencies, centred per device (its speed) and per
 * architecture (its mean cost), form a devices x architectures matrix X.
 * Predicting an architecture's latencies on every device as a linear
 * combination of the references' is projecting its column of X on the span
 * of the reference columns, so the best set is the column subset whose span
 * keeps the most of X (column subset selection). The greedy pick adds the
 * column that keeps the most of what is left; with p devices the residual
 * after j picks has a p x p Gram matrix, so each step costs p^2 per candidate.
 * Once the span is exhausted (at most p - 1 picks), a new round starts from
 * the remaining columns, so further references average the noise of the
 * first ones instead of adding nothing.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError } from "../errors.js";
import { greedyColumnSubset } from "../stats/column-subset.js";

/** The greedy reference set and how much of the pool's variation each round-1 pick keeps. */
export interface GreedyReferences {
  /** The chosen rows, in pick order. */
  readonly rows: readonly number[];
  /** Share of the pool's centred log-latency variance kept by the picks so far, per pick (restarts at each round). */
  readonly kept: readonly number[];
}

/**
 * Chooses `count` reference rows on the pool's latencies by greedy column
 * subset selection (deterministic: ties go to the lower row). Only rows with
 * a finite latency > 0 on every pool device are candidates.
 *
 * @throws {InvalidArgumentError} for fewer than 2 pool devices, a count below 1, or fewer candidate rows than `count`
 * @example
 * ```ts
 * const { rows, kept } = greedyReferences(help, ["1080ti_1", "pixel3", "silver_4114"], 10);
 * kept[1]; // share of the pool's variation two references already carry
 * ```
 */
export function greedyReferences(table: LatencyTable, pool: readonly string[], count: number): GreedyReferences {
  if (pool.length < 2) throw new InvalidArgumentError(`greedyReferences: the pool has ${pool.length} device(s); valid: at least 2`);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError(`greedyReferences: count ${count}; valid: an integer >= 1`);
  const p = pool.length;
  const cols = pool.map((d) => table.latencyView(d));
  const candidates: number[] = [];
  for (let r = 0; r < table.rows; r++) if (cols.every((c) => (c[r] as number) > 0 && Number.isFinite(c[r] as number))) candidates.push(r);
  if (candidates.length < count) throw new InvalidArgumentError(`greedyReferences: ${candidates.length} rows have a latency on every pool device (${pool.join(", ")}); asked for ${count}`);
  const n = candidates.length;
  // x[c * p + i]: candidate c's centred log latency on device i.
  const x = new Float64Array(n * p);
  for (let i = 0; i < p; i++) {
    const col = cols[i] as Float64Array;
    let mean = 0;
    for (let c = 0; c < n; c++) mean += Math.log(col[candidates[c] as number] as number);
    mean /= n;
    for (let c = 0; c < n; c++) x[c * p + i] = Math.log(col[candidates[c] as number] as number) - mean;
  }
  let spread = 0;
  for (let c = 0; c < n * p; c++) spread += (x[c] as number) ** 2;
  for (let c = 0; c < n; c++) {
    let m = 0;
    for (let i = 0; i < p; i++) m += x[c * p + i] as number;
    m /= p;
    for (let i = 0; i < p; i++) x[c * p + i] = (x[c * p + i] as number) - m;
  }
  if (!(spread > 0) || centredTotal(x) <= 1e-12 * spread) throw new InvalidArgumentError(`greedyReferences: the pool's devices (${pool.join(", ")}) rank every candidate alike; no row adds information`);
  const { picks, kept } = greedyColumnSubset(x, p, count);
  return { rows: picks.map((c) => candidates[c] as number), kept };
}

function centredTotal(x: Float64Array): number {
  let t = 0;
  for (const v of x) t += v * v;
  return t;
}
