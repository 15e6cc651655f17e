/**
 * Exact 2-D hypervolume for (minimise latency, maximise accuracy): the area of
 * the region dominated by a set of points and bounded by a reference point
 * (refLatency, refAccuracy), i.e. the union over points p of the rectangles
 * [p.latency, refLatency] x [refAccuracy, p.accuracy]. Points with a NaN, or
 * not better than the reference in both objectives, add nothing.
 */
import { InvalidArgumentError } from "../errors.js";

/** A reference point: the worst latency and the worst accuracy counted. */
export interface ReferencePoint {
  readonly latency: number;
  readonly accuracy: number;
}

/**
 * Hypervolume of the rows `rows` (default: all) of paired columns.
 *
 * @throws {InvalidArgumentError} for unpaired columns or a non-finite reference point
 * @example
 * ```ts
 * hypervolume([1, 2], [2, 3], { latency: 3, accuracy: 0 }); // 2*2 + 1*1 = 5
 * ```
 */
export function hypervolume(latency: ArrayLike<number>, accuracy: ArrayLike<number>, ref: ReferencePoint, rows?: readonly number[]): number {
  if (latency.length !== accuracy.length) throw new InvalidArgumentError(`hypervolume: ${latency.length} latencies and ${accuracy.length} accuracies; they must be paired`);
  if (!Number.isFinite(ref.latency) || !Number.isFinite(ref.accuracy)) throw new InvalidArgumentError(`hypervolume: reference point (${ref.latency}, ${ref.accuracy}) must be finite`);
  const pts: number[] = [];
  const all = rows ?? Array.from({ length: latency.length }, (_, i) => i);
  for (const r of all) {
    const l = latency[r] as number;
    const a = accuracy[r] as number;
    if (l < ref.latency && a > ref.accuracy) pts.push(r);
  }
  pts.sort((x, y) => (latency[x] as number) - (latency[y] as number) || (accuracy[y] as number) - (accuracy[x] as number));
  let area = 0;
  let best = ref.accuracy;
  for (const r of pts) {
    const a = accuracy[r] as number;
    if (a > best) {
      area += (a - best) * (ref.latency - (latency[r] as number));
      best = a;
    }
  }
  return area;
}
