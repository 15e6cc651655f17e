/**
 * The networks latency is measured on, by search space: build one, and its
 * analytic cost. Only spaces with a model builder are measurable.
 */
import type * as TF from "@tensorflow/tfjs";
import { oneOf } from "../errors.js";
import { nb201Cost, ofaCost, proxylessCost, type ModelCost } from "./model-cost.js";
import { buildNb201Network } from "./nb201-network.js";
import { nb201Parse } from "../spaces/nb201.js";
import { buildOfaNetwork, ofaArchOf } from "./ofa-network.js";
import { buildProxylessNetwork } from "./proxyless-network.js";
import { PROXYLESS_LAYOUT, proxylessParse } from "../spaces/proxyless.js";

/** Search spaces with a network builder. */
export type MeasurableSpace = "nb201" | "ofa-mbv3" | "proxyless";
export const MEASURABLE_SPACES: readonly MeasurableSpace[] = ["nb201", "ofa-mbv3", "proxyless"];

/**
 * The reference network of each space, run alternately with every measured
 * one under the paired protocol: NAS-Bench-201 index 0 (the first of HELP's
 * reference architectures), a mid-size Once-for-All subnet, and
 * ProxylessNAS's mobile network with the first two layers of each stage
 * k3e3 and the others skipped (a small one).
 */
export const REFERENCE_ARCHS: Readonly<Record<MeasurableSpace, string>> = {
  nb201: "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|",
  "ofa-mbv3": "r160-d22222-k55005500550055005500-e44004400440044004400",
  proxyless: "k3e3-k3e3-skip-skip-k3e3-k3e3-skip-skip-k3e3-k3e3-skip-skip-k3e3-k3e3-skip-skip-k3e3-k3e3-skip-skip-k3e3",
};

/** A built network and the input it takes (batch 1 added by the caller). */
export interface BuiltNetwork {
  readonly model: TF.LayersModel;
  /** `[height, width, channels]` of one image. */
  readonly imageShape: readonly [number, number, number];
}

/**
 * Validates a measurable space name.
 *
 * @throws {InvalidArgumentError} listing the measurable spaces
 *
 * @example
 * ```ts
 * parseMeasurableSpace("ofa-mbv3"); // "ofa-mbv3"
 * ```
 */
export function parseMeasurableSpace(space: unknown): MeasurableSpace {
  return oneOf("measurable space", space, MEASURABLE_SPACES);
}

/**
 * The input image shape `[height, width, channels]` of an architecture's
 * network, without building it (32 x 32 for NAS-Bench-201, the subnet's
 * resolution for Once-for-All, 224 x 224 for ProxylessNAS).
 *
 * @throws {InvalidArgumentError} when the architecture does not parse in the space
 * @example
 * ```ts
 * imageShapeOf("ofa-mbv3", "r160-d22222-k33003300330033003300-e33003300330033003300"); // [160, 160, 3]
 * ```
 */
export function imageShapeOf(space: MeasurableSpace, arch: string): readonly [number, number, number] {
  switch (space) {
    case "nb201":
      nb201Parse(arch);
      return [32, 32, 3];
    case "ofa-mbv3": {
      const r = ofaArchOf(arch).r;
      return [r, r, 3];
    }
    case "proxyless":
      proxylessParse(arch);
      return [PROXYLESS_LAYOUT.resolution, PROXYLESS_LAYOUT.resolution, 3];
  }
}

/**
 * Builds the network of an architecture with seeded random weights.
 *
 * @throws {InvalidArgumentError} when the architecture does not parse in the space
 * @example
 * ```ts
 * const { model, imageShape } = buildNetwork("nb201", arch, 0);
 * ```
 */
export function buildNetwork(space: MeasurableSpace, arch: string, seed = 0): BuiltNetwork {
  switch (space) {
    case "nb201":
      return { model: buildNb201Network(arch, { seed }), imageShape: imageShapeOf(space, arch) };
    case "ofa-mbv3":
      return { model: buildOfaNetwork(arch, { seed }), imageShape: imageShapeOf(space, arch) };
    case "proxyless":
      return { model: buildProxylessNetwork(arch, { seed }), imageShape: imageShapeOf(space, arch) };
  }
}

/**
 * Analytic FLOPs and parameters of an architecture's network.
 *
 * @example
 * ```ts
 * networkCost("nb201", arch).flops;
 * ```
 */
export function networkCost(space: MeasurableSpace, arch: string): ModelCost {
  switch (space) {
    case "nb201":
      return nb201Cost(arch);
    case "ofa-mbv3":
      return ofaCost(arch);
    case "proxyless":
      return proxylessCost(arch);
  }
}
