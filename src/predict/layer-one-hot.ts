/**
 * The per-layer choice one-hot of the layer-wise spaces (FBNet,
 * ProxylessNAS): one row per architecture, layer-major, with the layer and
 * choice counts the methods need to share a choice's cost across layers.
 */
import { FBNET_BLOCKS, FBNET_LAYERS, fbnetOneHot, fbnetParse } from "../spaces/fbnet.js";
import { PROXYLESS_LAYERS, PROXYLESS_OPS, proxylessOneHot, proxylessParse } from "../spaces/proxyless.js";
import type { Matrix } from "./ridge.js";

/** The spaces of {@link layerOneHotMatrix}. */
export type LayerSpace = "fbnet" | "proxyless";

/**
 * The one-hot matrix of architectures of a layer-wise space.
 *
 * @throws {InvalidArgumentError} for a string that is not an architecture of the space
 * @example
 * ```ts
 * layerOneHotMatrix("proxyless", archs).matrix.cols; // 21 layers x 7 choices = 147
 * ```
 */
export function layerOneHotMatrix(space: LayerSpace, archs: readonly string[]): { matrix: Matrix; layers: number; choices: number } {
  const [layers, choices, row] =
    space === "fbnet" ? [FBNET_LAYERS, FBNET_BLOCKS.length, (a: string) => fbnetOneHot(fbnetParse(a))] : [PROXYLESS_LAYERS, PROXYLESS_OPS.length, (a: string) => proxylessOneHot(proxylessParse(a))];
  const cols = layers * choices;
  const data = new Float64Array(archs.length * cols);
  archs.forEach((a, r) => data.set(row(a), r * cols));
  return { matrix: { rows: archs.length, cols, data }, layers, choices };
}
