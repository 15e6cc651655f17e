/**
 * What a target's own measurements can reach with the adaptation's
 * architecture features: a ridge of log latency on the one-hot, live-edge and
 * operation-count columns fitted on half of the target's rows (every other
 * row with a latency), judged by SRCC on the other half. No pool device, no
 * K: hundreds of the target's own measurements. Where a published number is
 * above it, the rows or devices differ from the publication's, not only the
 * method.
 */
import type { AdaptContext } from "../adapt/method.js";
import { InvalidArgumentError, InvalidDataError } from "../errors.js";
import { hstack, ridgeFit, ridgePredict, takeRows } from "../predict/ridge.js";
import { spearman } from "../stats/correlation.js";

/**
 * SRCC on the odd-numbered rows with a latency of a ridge fitted on the
 * even-numbered ones (log latency on the context's one-hot, live and shared
 * columns, penalty 1e-3 as `ceilingSrcc`). Only the context's features are
 * read: {@link operatorFeatures} of the table's architectures serve as well.
 *
 * @throws {InvalidArgumentError} when the target is not one latency per row of the context
 * @throws {InvalidDataError} naming the row of a zero, negative or infinite latency, or when fewer than 20 rows have a latency
 * @example
 * ```ts
 * const ctx = adaptContext(help, PROTOCOLS.help.proxies);
 * ownRowsCeiling(ctx, help.latency("pixel2")); // 0.904 (fpga: 0.996): pixel2's latencies are noisy
 * ```
 */
export function ownRowsCeiling(ctx: Pick<AdaptContext, "onehot" | "live" | "shared">, target: ArrayLike<number>): number {
  const n = ctx.onehot.rows;
  if (target.length !== n) throw new InvalidArgumentError(`ownRowsCeiling: ${target.length} latencies for a context of ${n} rows`);
  const rows: number[] = [];
  for (let r = 0; r < n; r++) {
    const v = target[r] as number;
    if (Number.isNaN(v)) continue;
    if (!(v > 0) || !Number.isFinite(v)) throw new InvalidDataError(`ownRowsCeiling: latency ${v} at row ${r}; valid: a finite latency > 0 ms, or NaN for a missing one`);
    rows.push(r);
  }
  if (rows.length < 20) throw new InvalidDataError(`ownRowsCeiling: ${rows.length} rows have a latency; need at least 20 (10 to fit, 10 to judge)`);
  const x = hstack([ctx.onehot, ctx.live, ctx.shared]);
  const fitRows = rows.filter((_, i) => i % 2 === 0);
  const testRows = rows.filter((_, i) => i % 2 === 1);
  const { model } = ridgeFit(takeRows(x, fitRows), fitRows.map((r) => Math.log(target[r] as number)), new Float64Array(x.cols).fill(1e-3));
  return spearman(ridgePredict(model, takeRows(x, testRows)), testRows.map((r) => target[r] as number)).value;
}

