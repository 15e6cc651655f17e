/**
 * Latency features of a Once-for-All MobileNetV3 subnet, for linear models
 * and the adaptation: per slot, the one-hot of its (kernel, expand) pair
 * (9 choices) scaled by (r / 224)^2, since a block's cost grows with the
 * pixels it processes; slots past a stage's depth are zero. Plus (r / 224)^2
 * itself (the stem and head). 20 x 9 + 1 = 181 features.
 */
import { OFA_EXPANDS, OFA_KERNELS, OFA_SLOTS, ofaParse } from "../spaces/ofa.js";
import type { Matrix } from "./ridge.js";

/** Number of {@link ofaLatencyFeatures}. */
export const OFA_LATENCY_FEATURES = OFA_SLOTS * OFA_KERNELS.length * OFA_EXPANDS.length + 1;

/**
 * The latency features of one subnet (canonical string).
 *
 * @throws {InvalidArgumentError} when the string is not a subnet
 * @example
 * ```ts
 * ofaLatencyFeatures("r224-d22222-k33003300330033003300-e33003300330033003300")[180]; // 1
 * ```
 */
export function ofaLatencyFeatures(arch: string): Float64Array {
  const a = ofaParse(arch);
  const scale = (a.r / 224) ** 2;
  const x = new Float64Array(OFA_LATENCY_FEATURES);
  for (let i = 0; i < OFA_SLOTS; i++) {
    const k = a.ks[i] as number;
    if (k === 0) continue;
    const choice = OFA_KERNELS.indexOf(k as 3 | 5 | 7) * OFA_EXPANDS.length + OFA_EXPANDS.indexOf(a.e[i] as 3 | 4 | 6);
    x[i * 9 + choice] = scale;
  }
  x[OFA_LATENCY_FEATURES - 1] = scale;
  return x;
}

/**
 * The feature matrix of many subnets (row-major).
 *
 * @example
 * ```ts
 * const X = ofaLatencyFeatureMatrix(table.archs()); // n x 181
 * ```
 */
export function ofaLatencyFeatureMatrix(archs: readonly string[]): Matrix {
  const data = new Float64Array(archs.length * OFA_LATENCY_FEATURES);
  archs.forEach((a, i) => data.set(ofaLatencyFeatures(a), i * OFA_LATENCY_FEATURES));
  return { rows: archs.length, cols: OFA_LATENCY_FEATURES, data };
}
