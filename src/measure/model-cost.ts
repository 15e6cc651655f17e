/**
 * FLOPs and parameter counts: analytic (from the architecture alone) and
 * counted layer by layer on a built TensorFlow.js model, so that each checks
 * the other.
 *
 * Conventions (NAS-Bench-201's, which reports 7.78 to 220.11 MFLOPs and 0.073
 * to 1.531 M parameters on CIFAR-10):
 * - **FLOPs** are the multiply-accumulates of convolutions and dense layers
 *   (`outH * outW * k * k * cin * cout / groups`, `in * out`); batch norm,
 *   activations, pooling, sums and biases are not counted. Batch size 1.
 * - **Parameters** are the trainable ones, as PyTorch counts them: conv and
 *   dense weights, dense biases, batch-norm scale and offset (not the running
 *   statistics).
 */
import type * as TF from "@tensorflow/tfjs";
import { NB201_EDGES, type Nb201Arch } from "../spaces/nb201.js";
import { OFA_LAYOUT, type OfaArch } from "../spaces/ofa.js";
import { FBNET_LAYOUT, fbnetBlockShape, fbnetFormat, fbnetParse, type FbnetArch } from "../spaces/fbnet.js";
import { PROXYLESS_LAYOUT, proxylessLayers, proxylessParse, type ProxylessArch } from "../spaces/proxyless.js";
import { nb201ArchOf, nb201Layout, type Nb201NetworkOptions } from "./nb201-network.js";
import { ofaArchOf, ofaBlocks } from "./ofa-network.js";

/** FLOPs (multiply-accumulates) and trainable parameters of a network. */
export interface ModelCost {
  readonly flops: number;
  readonly params: number;
}

/**
 * Analytic cost of a NAS-Bench-201 network (no model is built).
 *
 * @example
 * ```ts
 * nb201Cost("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"); // { flops: 7783040, params: 73306 }
 * ```
 */
export function nb201Cost(arch: string | readonly number[], options: Nb201NetworkOptions = {}): ModelCost {
  const ops: Nb201Arch = nb201ArchOf(arch);
  const { channels, cellsPerStage, classes, inputSize } = nb201Layout(options);
  let flops = 0;
  let params = 0;
  const conv = (hw: number, cin: number, cout: number, k: number) => {
    flops += hw * hw * k * k * cin * cout;
    params += k * k * cin * cout;
  };
  const bn = (c: number) => (params += 2 * c);
  conv(inputSize, 3, channels, 3);
  bn(channels);
  let hw = inputSize;
  for (let stage = 0; stage < 3; stage++) {
    const c = channels * 2 ** stage;
    if (stage > 0) {
      const cin = c / 2;
      hw /= 2;
      conv(hw, cin, c, 3);
      bn(c);
      conv(hw, c, c, 3);
      bn(c);
      conv(hw, cin, c, 1);
    }
    for (let i = 0; i < cellsPerStage; i++) {
      NB201_EDGES.forEach((_, e) => {
        const op = ops[e] as number;
        if (op === 2 || op === 3) {
          conv(hw, c, c, op === 2 ? 1 : 3);
          bn(c);
        }
      });
    }
  }
  const last = channels * 4;
  bn(last);
  flops += last * classes;
  params += last * classes + classes;
  return { flops, params };
}

/**
 * Analytic cost of a Once-for-All MobileNetV3 subnet (no model is built).
 * Squeeze-excite's 1x1 convolutions act on a 1x1 map and have biases.
 *
 * @example
 * ```ts
 * ofaCost("r224-d44444-k77777777777777777777-e66666666666666666666").flops;
 * ```
 */
export function ofaCost(arch: string | OfaArch): ModelCost {
  const a = ofaArchOf(arch);
  const L = OFA_LAYOUT;
  let flops = 0;
  let params = 0;
  let hw = Math.ceil(a.r / 2);
  flops += hw * hw * 9 * 3 * L.stemChannels;
  params += 9 * 3 * L.stemChannels + 2 * L.stemChannels;
  for (const b of ofaBlocks(a)) {
    const out = Math.ceil(hw / b.stride);
    if (b.expand) {
      flops += hw * hw * b.cin * b.mid;
      params += b.cin * b.mid + 2 * b.mid;
    }
    flops += out * out * b.kernel * b.kernel * b.mid;
    params += b.kernel * b.kernel * b.mid + 2 * b.mid;
    if (b.se) {
      flops += 2 * b.mid * b.seMid;
      params += 2 * b.mid * b.seMid + b.seMid + b.mid;
    }
    flops += out * out * b.mid * b.cout;
    params += b.mid * b.cout + 2 * b.cout;
    hw = out;
  }
  const last = L.stages[L.stages.length - 1]?.width as number;
  flops += hw * hw * last * L.finalExpand + L.finalExpand * L.featureMix + L.featureMix * L.classes;
  params += last * L.finalExpand + 2 * L.finalExpand + L.finalExpand * L.featureMix + L.featureMix * L.classes + L.classes;
  return { flops, params };
}

/**
 * Analytic cost of an FBNet network on FBNet's macro-architecture
 * (`FBNET_LAYOUT`, 224 x 224 inputs). A block k{k}_e{e}[_g{g}] is a 1 x 1
 * group convolution to e x its input channels, a k x k depthwise
 * convolution at the layer's stride and a 1 x 1 group convolution to the
 * layer's channels (batch norm after each); `skip` is the identity where the
 * shape is kept and a 1 x 1 convolution at the stride where it changes (the
 * first layer of a stage).
 *
 * @throws {InvalidArgumentError} for a string that is not an FBNet architecture
 * @example
 * ```ts
 * fbnetCost(Array(22).fill("k3_e6").join("-")).flops; // the largest network of the space
 * ```
 */
export function fbnetCost(arch: string | FbnetArch): ModelCost {
  // an array is checked by formatting it
  const a = typeof arch === "string" ? fbnetParse(arch) : fbnetParse(fbnetFormat(arch));
  const L = FBNET_LAYOUT;
  let hw = L.resolution / 2;
  let flops = hw * hw * 9 * 3 * L.stemChannels;
  let params = 9 * 3 * L.stemChannels + 2 * L.stemChannels;
  let cin: number = L.stemChannels;
  let layer = 0;
  for (const stage of L.stages) {
    for (let i = 0; i < stage.layers; i++, layer++) {
      const stride = i === 0 ? stage.stride : 1;
      const out = hw / stride;
      const cout = stage.channels;
      const shape = fbnetBlockShape(a[layer] as number);
      if (!shape) {
        if (stride !== 1 || cin !== cout) {
          flops += out * out * cin * cout;
          params += cin * cout + 2 * cout;
        }
      } else {
        const mid = cin * shape.expansion;
        flops += hw * hw * (cin / shape.groups) * mid + out * out * shape.kernel * shape.kernel * mid + out * out * (mid / shape.groups) * cout;
        params += (cin / shape.groups) * mid + 2 * mid + shape.kernel * shape.kernel * mid + 2 * mid + (mid / shape.groups) * cout + 2 * cout;
      }
      cin = cout;
      hw = out;
    }
  }
  flops += hw * hw * cin * L.headChannels + L.headChannels * L.classes;
  params += cin * L.headChannels + 2 * L.headChannels + L.headChannels * L.classes + L.classes;
  return { flops, params };
}

/**
 * Analytic cost of a ProxylessNAS mobile network ({@link PROXYLESS_LAYOUT},
 * 224 x 224 inputs): stem, the fixed first block (3 x 3 depthwise, 1 x 1 to
 * 16), each layer that is not skipped (1 x 1 expansion, k x k depthwise at
 * the layer's stride, 1 x 1 projection; batch norm after each), the 1 x 1
 * convolution to 1,280 and the classifier.
 *
 * @throws {InvalidArgumentError} for a string or ids that are not a ProxylessNAS architecture
 * @example
 * ```ts
 * proxylessCost(Array(21).fill("k7e6").join("-")).flops; // the largest network of the space
 * ```
 */
export function proxylessCost(arch: string | ProxylessArch): ModelCost {
  const layers = proxylessLayers(typeof arch === "string" ? proxylessParse(arch) : arch);
  const L = PROXYLESS_LAYOUT;
  const half = L.resolution / 2;
  const c0 = L.stemChannels;
  const c1 = L.firstBlockChannels;
  let flops = half * half * 9 * 3 * c0 + half * half * 9 * c0 + half * half * c0 * c1;
  let params = 9 * 3 * c0 + 2 * c0 + 9 * c0 + 2 * c0 + c0 * c1 + 2 * c1;
  let hw = half;
  let cin: number = c1;
  for (const x of layers) {
    const out = Math.ceil(x.size / x.stride);
    if (x.op) {
      const mid = x.cin * x.op.expand;
      flops += x.size * x.size * x.cin * mid + out * out * x.op.kernel * x.op.kernel * mid + out * out * mid * x.cout;
      params += x.cin * mid + 2 * mid + x.op.kernel * x.op.kernel * mid + 2 * mid + mid * x.cout + 2 * x.cout;
    }
    hw = out;
    cin = x.cout;
  }
  flops += hw * hw * cin * L.featureMix + L.featureMix * L.classes;
  params += cin * L.featureMix + 2 * L.featureMix + L.featureMix * L.classes + L.classes;
  return { flops, params };
}

/**
 * Counts FLOPs layer by layer on a built model (conv2d, depthwise conv2d,
 * dense; from each layer's kernel and output shape) and its trainable
 * parameters. Layers nested in sub-models are counted too.
 *
 * @example
 * ```ts
 * const model = buildNb201Network(arch);
 * layersModelCost(model); // equals nb201Cost(arch)
 * model.dispose();
 * ```
 */
export function layersModelCost(model: TF.LayersModel): ModelCost {
  let flops = 0;
  let params = 0;
  const visit = (layers: readonly TF.layers.Layer[]) => {
    for (const layer of layers) {
      const nested = (layer as unknown as { layers?: TF.layers.Layer[] }).layers;
      if (Array.isArray(nested)) {
        visit(nested);
        continue;
      }
      const cls = layer.getClassName();
      const out = layer.outputShape as (number | null)[];
      if (cls === "Conv2D" || cls === "DepthwiseConv2D") {
        const kernel = layer.getWeights(false)[0] as TF.Tensor;
        const [kh, kw, cin, mult] = kernel.shape as [number, number, number, number];
        const outH = out[1] as number;
        const outW = out[2] as number;
        flops += outH * outW * kh * kw * cin * mult;
      } else if (cls === "Dense") {
        const kernel = layer.getWeights(false)[0] as TF.Tensor;
        flops += (kernel.shape[0] as number) * (kernel.shape[1] as number);
      }
      for (const w of layer.trainableWeights) params += w.shape.reduce((a: number, b) => a * (b as number), 1);
    }
  };
  visit(model.layers);
  return { flops, params };
}
