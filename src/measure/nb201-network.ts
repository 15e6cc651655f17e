/**
 * The real NAS-Bench-201 network of an architecture, as a TensorFlow.js
 * model with random (seeded) weights, for latency measurement.
 *
 * The layout is NAS-Bench-201's CIFAR network (`TinyNetwork`):
 * - stem: 3x3 conv (3 -> C) + batch norm;
 * - 3 stages of N cells (C, 2C, 4C channels), separated by residual
 *   reduction blocks (ReLU-conv3x3/2-BN, ReLU-conv3x3-BN, shortcut avg-pool 2x2
 *   then 1x1 conv);
 * - batch norm + ReLU, global average pooling, the classifier.
 *
 * A cell has 4 nodes; node j is the sum over i < j of op_{j<-i}(node i), with
 * op one of `none` (zeros), `skip_connect` (identity), `nor_conv_1x1` and
 * `nor_conv_3x3` (ReLU-conv-BN, each edge with its own ReLU), `avg_pool_3x3`
 * (stride 1, padding 1). As in PyTorch's NAS-Bench-201 code, a `none` edge is
 * computed as `x * 0`; a node with only `none` inputs is that zero tensor.
 * Tensors are NHWC (TensorFlow.js's layout); batch size is an input of the
 * measurement, not of the model.
 */
import type * as TF from "@tensorflow/tfjs";
import { InvalidArgumentError } from "../errors.js";
import { tfjs } from "../runtime/backend.js";
import { layerKit } from "./layer-kit.js";
import { NB201_EDGES, nb201Format, nb201Parse, type Nb201Arch } from "../spaces/nb201.js";

/** Options of `buildNb201Network`; defaults are NAS-Bench-201's CIFAR-10 network. */
export interface Nb201NetworkOptions {
  /** Channels of the first stage (default 16). */
  readonly channels?: number;
  /** Cells per stage (default 5). */
  readonly cellsPerStage?: number;
  /** Classifier outputs (default 10: CIFAR-10; 100 for CIFAR-100, 120 for ImageNet16-120). */
  readonly classes?: number;
  /** Input height and width (default 32; 16 for ImageNet16-120). */
  readonly inputSize?: number;
  /** Seed of the weight initialisers (default 0). */
  readonly seed?: number;
}

/** The resolved layout of a NAS-Bench-201 network. */
export interface Nb201Layout {
  readonly channels: number;
  readonly cellsPerStage: number;
  readonly classes: number;
  readonly inputSize: number;
}

/**
 * Validates options and fills the defaults.
 *
 * @throws {InvalidArgumentError} naming the option and its valid range
 * @example
 * ```ts
 * nb201Layout({ classes: 100 }); // { channels: 16, cellsPerStage: 5, classes: 100, inputSize: 32 }
 * ```
 */
export function nb201Layout(options: Nb201NetworkOptions = {}): Nb201Layout {
  const int = (name: string, v: number | undefined, fallback: number, min: number): number => {
    const x = v ?? fallback;
    if (!Number.isInteger(x) || x < min) throw new InvalidArgumentError(`nb201Layout: ${name} = ${String(v)} is not valid; expected an integer >= ${min}`);
    return x;
  };
  const inputSize = int("inputSize", options.inputSize, 32, 4);
  if (inputSize % 4 !== 0) throw new InvalidArgumentError(`nb201Layout: inputSize = ${inputSize} is not valid; expected a multiple of 4 (two stride-2 reductions)`);
  return {
    channels: int("channels", options.channels, 16, 1),
    cellsPerStage: int("cellsPerStage", options.cellsPerStage, 5, 1),
    classes: int("classes", options.classes, 10, 1),
    inputSize,
  };
}

/** Accepts an architecture as its canonical string or its 6 operation ids. */
export function nb201ArchOf(arch: string | readonly number[]): Nb201Arch {
  if (typeof arch === "string") return nb201Parse(arch);
  // nb201Format validates the ids and names the bad value.
  return nb201Parse(nb201Format(arch));
}

let zeroLayerClass: (new (config: { name: string }) => TF.layers.Layer) | undefined;

/** The `none` operation as a layer (x * 0), registered once for serialisation. */
function zeroLayer(tf: ReturnType<typeof tfjs>): new (config: { name: string }) => TF.layers.Layer {
  if (zeroLayerClass) return zeroLayerClass;
  class Nb201Zero extends tf.layers.Layer {
    static className = "Nb201Zero";
    override computeOutputShape(shape: TF.Shape | TF.Shape[]): TF.Shape | TF.Shape[] {
      return shape;
    }
    override call(inputs: TF.Tensor | TF.Tensor[]): TF.Tensor {
      const x = Array.isArray(inputs) ? (inputs[0] as TF.Tensor) : inputs;
      return tf.mul(x, tf.scalar(0, x.dtype));
    }
  }
  tf.serialization.registerClass(Nb201Zero);
  zeroLayerClass = Nb201Zero;
  return Nb201Zero;
}

/**
 * Builds the NAS-Bench-201 network of an architecture as a tfjs
 * `LayersModel` (input `[batch, size, size, 3]`, output logits). The caller
 * owns the model and must `dispose()` it.
 *
 * @param arch - canonical string or the 6 operation ids
 * @throws {InvalidArgumentError} when the architecture does not parse or an option is invalid
 * @example
 * ```ts
 * const model = buildNb201Network("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
 * model.countParams();
 * model.dispose();
 * ```
 */
export function buildNb201Network(arch: string | readonly number[], options: Nb201NetworkOptions = {}): TF.LayersModel {
  const ops = nb201ArchOf(arch);
  const layout = nb201Layout(options);
  const tf = tfjs();
  const Zero = zeroLayer(tf);
  const { name, apply, conv, bn, dense } = layerKit(tf, options.seed, "buildNb201Network");
  type Sym = TF.SymbolicTensor;
  const relu = (x: Sym): Sym => apply(tf.layers.reLU({ name: name("relu") }), x);
  const reluConvBn = (x: Sym, filters: number, kernel: number, stride: number) => bn(conv(relu(x), filters, kernel, stride));
  // A sum that reads one tensor twice (two skip edges from the same node) gets a linear copy of it:
  // tfjs layers dispose an input once per use and fail on a repeated one.
  const sum = (xs: Sym[]): Sym => {
    if (xs.length === 1) return xs[0] as Sym;
    const distinct = xs.map((x, i) => (xs.indexOf(x) < i ? apply(tf.layers.activation({ activation: "linear", name: name("copy") }), x) : x));
    return apply(tf.layers.add({ name: name("add") }), distinct);
  };

  const edgeOp = (op: number, x: Sym, c: number): Sym => {
    switch (op) {
      case 0:
        return apply(new Zero({ name: name("zero") }), x);
      case 1:
        return x;
      case 2:
        return reluConvBn(x, c, 1, 1);
      case 3:
        return reluConvBn(x, c, 3, 1);
      default:
        return apply(tf.layers.averagePooling2d({ poolSize: 3, strides: 1, padding: "same", name: name("avgpool") }), x);
    }
  };
  const cell = (x: Sym, c: number): Sym => {
    const nodes: Sym[] = [x];
    for (let j = 1; j <= 3; j++) {
      const inputs: Sym[] = [];
      NB201_EDGES.forEach(([to, from], e) => {
        if (to === j) inputs.push(edgeOp(ops[e] as number, nodes[from] as Sym, c));
      });
      nodes.push(sum(inputs));
    }
    return nodes[3] as Sym;
  };
  const reduction = (x: Sym, c: number): Sym => {
    const a = reluConvBn(x, c, 3, 2);
    const b = reluConvBn(a, c, 3, 1);
    const pooled = apply(tf.layers.averagePooling2d({ poolSize: 2, strides: 2, padding: "valid", name: name("avgpool") }), x);
    const shortcut = conv(pooled, c, 1, 1);
    return sum([shortcut, b]);
  };

  const input = tf.input({ shape: [layout.inputSize, layout.inputSize, 3], name: "image" });
  let x = bn(conv(input, layout.channels, 3, 1));
  for (let stage = 0; stage < 3; stage++) {
    const c = layout.channels * 2 ** stage;
    if (stage > 0) x = reduction(x, c);
    for (let i = 0; i < layout.cellsPerStage; i++) x = cell(x, c);
  }
  x = relu(bn(x));
  x = apply(tf.layers.globalAveragePooling2d({ name: name("pool") }), x);
  const logits = dense(x, layout.classes);
  return tf.model({ inputs: input, outputs: logits, name: `nb201_${ops.join("")}` });
}
