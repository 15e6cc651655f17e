/**
 * Architecture features of the device-aware predictor: the space's operator
 * encoding plus hardware-agnostic analytic costs (log FLOPs, log parameters),
 * which carry information where no training device ranks like the target.
 */
import { InvalidArgumentError } from "../errors.js";
import { fbnetCost, nb201Cost, ofaCost, proxylessCost } from "../measure/model-cost.js";
import { layerOneHotMatrix } from "../predict/layer-one-hot.js";
import { nb201FeatureMatrix } from "../predict/nb201-features.js";
import { ofaLatencyFeatureMatrix } from "../predict/ofa-latency-features.js";
import type { Matrix } from "../predict/ridge.js";
import type { SpaceName } from "../spaces/space.js";

/** The search spaces the device-aware predictor describes. */
export const DEVICE_AWARE_SPACES: readonly SpaceName[] = ["nb201", "ofa-mbv3", "fbnet", "proxyless"];

/**
 * One row per architecture: NAS-Bench-201 one-hot and live-edge one-hot (60
 * columns), Once-for-All's block encoding (181), FBNet's block one-hot (22
 * layers x 9 blocks, 198) or ProxylessNAS's (21 layers x 7 choices, 147),
 * then log FLOPs and log parameters.
 *
 * @throws {InvalidArgumentError} for a space other than nb201, ofa-mbv3, fbnet or proxyless
 * @example
 * ```ts
 * deviceAwareArchFeatures("nb201", help.archs()).cols; // 62
 * ```
 */
export function deviceAwareArchFeatures(space: SpaceName, archs: readonly string[]): Matrix {
  if (!DEVICE_AWARE_SPACES.includes(space)) throw new InvalidArgumentError(`device-aware: the ${space} space has no architecture features yet; supported: ${DEVICE_AWARE_SPACES.join(", ")}`);
  const base = space === "nb201" ? nb201FeatureMatrix(archs, "onehot+live") : space === "ofa-mbv3" ? ofaLatencyFeatureMatrix(archs) : layerOneHotMatrix(space, archs).matrix;
  const cost = { nb201: nb201Cost, "ofa-mbv3": ofaCost, fbnet: fbnetCost, proxyless: proxylessCost }[space];
  const cols = base.cols + 2;
  const data = new Float64Array(archs.length * cols);
  archs.forEach((a, r) => {
    data.set(base.data.subarray(r * base.cols, (r + 1) * base.cols), r * cols);
    const c = cost(a);
    data[r * cols + base.cols] = Math.log(c.flops);
    data[r * cols + base.cols + 1] = Math.log(c.params);
  });
  return { rows: archs.length, cols, data };
}
