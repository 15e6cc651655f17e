/**
 * The layer helpers the network builders share: named, seeded convolutions,
 * depthwise convolutions, batch norm and the classifier, applied to symbolic
 * tensors. Names are numbered in creation order; each weight initialiser
 * takes the next seed, so one seed gives one network.
 */
import type * as TF from "@tensorflow/tfjs";
import { InvalidArgumentError } from "../errors.js";
import type { tfjs } from "../runtime/backend.js";

type Sym = TF.SymbolicTensor;

/** The helpers of {@link layerKit}. */
export interface LayerKit {
  /** A unique layer name: `what_<n>`. */
  name(what: string): string;
  apply(layer: TF.layers.Layer, x: Sym | Sym[]): Sym;
  /** `same`-padded convolution, He-normal weights. */
  conv(x: Sym, filters: number, kernel: number, stride: number, useBias?: boolean): Sym;
  /** `same`-padded depthwise convolution, He-normal weights, no bias. */
  dw(x: Sym, kernel: number, stride: number): Sym;
  bn(x: Sym): Sym;
  /** The classifier: a dense layer, Glorot-uniform weights. */
  dense(x: Sym, units: number): Sym;
}

/**
 * The helpers for one network built from `seed`.
 *
 * @throws {InvalidArgumentError} naming the builder when the seed is not an integer
 */
export function layerKit(tf: ReturnType<typeof tfjs>, seed: number | undefined, builder: string): LayerKit {
  let next = seed ?? 0;
  if (!Number.isInteger(next)) throw new InvalidArgumentError(`${builder}: seed = ${String(seed)} is not an integer`);
  let n = 0;
  const name = (what: string) => `${what}_${n++}`;
  const apply = (layer: TF.layers.Layer, x: Sym | Sym[]): Sym => layer.apply(x) as Sym;
  return {
    name,
    apply,
    conv: (x, filters, kernel, stride, useBias = false) =>
      apply(tf.layers.conv2d({ filters, kernelSize: kernel, strides: stride, padding: "same", useBias, kernelInitializer: tf.initializers.heNormal({ seed: next++ }), name: name("conv") }), x),
    dw: (x, kernel, stride) =>
      apply(tf.layers.depthwiseConv2d({ kernelSize: kernel, strides: stride, padding: "same", useBias: false, depthwiseInitializer: tf.initializers.heNormal({ seed: next++ }), name: name("dwconv") }), x),
    bn: (x) => apply(tf.layers.batchNormalization({ axis: -1, name: name("bn") }), x),
    dense: (x, units) => apply(tf.layers.dense({ units, kernelInitializer: tf.initializers.glorotUniform({ seed: next++ }), name: name("classifier") }), x),
  };
}
