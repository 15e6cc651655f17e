/**
 * The networks latency is measured on, by search space: build one, and its
 * analytic cost. Only spaces with a model builder are measurable.
 */
import type * as TF from "@tensorflow/tfjs";
import { oneOf } from "../errors.js";
import { nb201Cost, ofaCost, type ModelCost } from "./model-cost.js";
import { buildNb201Network } from "./nb201-network.js";
import { buildOfaNetwork, ofaArchOf } from "./ofa-network.js";

/** Search spaces with a network builder. */
export type MeasurableSpace = "nb201" | "ofa-mbv3";
export const MEASURABLE_SPACES: readonly MeasurableSpace[] = ["nb201", "ofa-mbv3"];

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
 */
export function parseMeasurableSpace(space: unknown): MeasurableSpace {
  return oneOf("measurable space", space, MEASURABLE_SPACES);
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
      return { model: buildNb201Network(arch, { seed }), imageShape: [32, 32, 3] };
    case "ofa-mbv3": {
      const r = ofaArchOf(arch).r;
      return { model: buildOfaNetwork(arch, { seed }), imageShape: [r, r, 3] };
    }
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
  }
}
