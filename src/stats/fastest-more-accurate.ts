/**
 * For each row, the lowest log-latency among the rows strictly more accurate
 * than it: the row that would dominate it first. Shared by the Pareto sets
 * built on predicted latencies ({@link paretoBand}, {@link frontProbabilitySet}).
 */

/**
 * Log-latencies of the candidate rows and, per row, the lowest log-latency of
 * a strictly more accurate candidate (+Infinity for the most accurate rows).
 * Candidates: rows with an accuracy that is not NaN and a latency that is a
 * positive finite number; other rows get NaN in both arrays.
 *
 * @example
 * ```ts
 * const { rows, logLatency, fastestBetter } = fastestMoreAccurate(Float64Array.of(10, 5), Float64Array.of(90, 80));
 * // rows [0, 1]; fastestBetter[1] = log(10), fastestBetter[0] = Infinity
 * ```
 */
export function fastestMoreAccurate(latency: ArrayLike<number>, accuracy: ArrayLike<number>): { rows: number[]; logLatency: Float64Array; fastestBetter: Float64Array } {
  const n = latency.length;
  const logLatency = new Float64Array(n).fill(Number.NaN);
  const fastestBetter = new Float64Array(n).fill(Number.NaN);
  const rows: number[] = [];
  for (let r = 0; r < n; r++) {
    const l = latency[r] as number;
    if (Number.isNaN(accuracy[r] as number) || !(l > 0) || !Number.isFinite(l)) continue;
    logLatency[r] = Math.log(l);
    rows.push(r);
  }
  const byAcc = rows.slice().sort((a, b) => (accuracy[b] as number) - (accuracy[a] as number) || a - b);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < byAcc.length; ) {
    let j = i;
    const acc = accuracy[byAcc[i] as number] as number;
    while (j + 1 < byAcc.length && accuracy[byAcc[j + 1] as number] === acc) j++;
    for (let k = i; k <= j; k++) fastestBetter[byAcc[k] as number] = best;
    for (let k = i; k <= j; k++) best = Math.min(best, logLatency[byAcc[k] as number] as number);
    i = j + 1;
  }
  return { rows, logLatency, fastestBetter };
}
