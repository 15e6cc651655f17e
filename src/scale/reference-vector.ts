/**
 * A device's reference vector: its latencies on a fixed set of reference
 * architectures, as natural logs centred on their mean, so that a fast and a
 * slow device with the same ranking behaviour get the same vector.
 */
import { InvalidDataError } from "../errors.js";

/** A device described by its reference latencies. */
export interface ReferenceVector {
  /** log(latency) minus its mean, one per reference architecture. */
  readonly features: Float64Array;
  /** The mean log latency (the device's overall speed). */
  readonly offset: number;
}

/**
 * The reference vector of latencies (ms) on the reference architectures.
 *
 * @param where - named in the error (e.g. the device or the file)
 * @throws {InvalidDataError} naming the position and value of a latency that is NaN, zero, negative or infinite
 * @example
 * ```ts
 * referenceVector([2, 4, 8], "pixel2"); // features [-ln 2, 0, ln 2], offset ln 4
 * ```
 */
export function referenceVector(ms: ArrayLike<number>, where: string): ReferenceVector {
  if (ms.length === 0) throw new InvalidDataError(`${where}: no reference latencies`);
  const logs = new Float64Array(ms.length);
  for (let i = 0; i < ms.length; i++) {
    const v = ms[i] as number;
    if (!(v > 0) || !Number.isFinite(v)) throw new InvalidDataError(`${where}: reference latency ${i + 1} of ${ms.length} is ${v}; valid: a finite latency > 0 ms`);
    logs[i] = Math.log(v);
  }
  const offset = logs.reduce((a, b) => a + b, 0) / logs.length;
  return { features: logs.map((v) => v - offset), offset };
}
