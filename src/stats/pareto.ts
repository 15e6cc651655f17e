/**
 * The Pareto kernel for two objectives: minimise latency, maximise accuracy.
 *
 * Dominance, written once: a dominates b when a's latency <= b's and a's
 * accuracy >= b's, with at least one strict. Points with equal latency and
 * equal accuracy do not dominate each other, so duplicates are all on the
 * front together. Rows with a NaN in either objective are not candidates.
 */
import { InvalidArgumentError } from "../errors.js";

/**
 * Rows on the Pareto front, in increasing latency (ties: input order).
 *
 * @throws {InvalidArgumentError} when the two columns differ in length
 * @example
 * ```ts
 * paretoFront([1, 2, 3], [50, 40, 60]); // [0, 2]
 * ```
 */
export function paretoFront(latency: ArrayLike<number>, accuracy: ArrayLike<number>): number[] {
  if (latency.length !== accuracy.length) throw new InvalidArgumentError(`paretoFront: ${latency.length} latencies and ${accuracy.length} accuracies; they must be paired`);
  const rows: number[] = [];
  for (let i = 0; i < latency.length; i++) if (!Number.isNaN(latency[i] as number) && !Number.isNaN(accuracy[i] as number)) rows.push(i);
  // increasing latency; among equal latency, decreasing accuracy
  rows.sort((a, b) => (latency[a] as number) - (latency[b] as number) || (accuracy[b] as number) - (accuracy[a] as number) || a - b);
  const front: number[] = [];
  let best = Number.NEGATIVE_INFINITY;
  let k = 0;
  while (k < rows.length) {
    // a group of equal latency: its best accuracy, and every row that reaches it
    let j = k;
    while (j + 1 < rows.length && latency[rows[j + 1] as number] === latency[rows[k] as number]) j++;
    const groupBest = accuracy[rows[k] as number] as number;
    if (groupBest > best) {
      for (let t = k; t <= j && accuracy[rows[t] as number] === groupBest; t++) front.push(rows[t] as number);
      best = groupBest;
    }
    k = j + 1;
  }
  return front;
}
