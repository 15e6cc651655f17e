/**
 * The Pareto kernel for two objectives: minimise latency, maximise accuracy.
 *
 * Dominance, written once: a dominates b when a's latency <= b's and a's
 * accuracy >= b's, with at least one strict. Points with equal latency and
 * equal accuracy do not dominate each other, so duplicates are all on the
 * front together. Rows with a NaN in either objective are not candidates.
 */
import { InvalidArgumentError } from "../errors.js";
import { nonDominatedLayers } from "./non-dominated-sort.js";

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
  const layer = nonDominatedLayers(latency, accuracy);
  const front: number[] = [];
  for (let r = 0; r < layer.length; r++) if (layer[r] === 0) front.push(r);
  // rows of equal latency on the front have equal accuracy: ties stay in input order
  return front.sort((a, b) => (latency[a] as number) - (latency[b] as number) || a - b);
}
