/**
 * The real Once-for-All MobileNetV3 subnet (`ofa_mbv3_d234_e346_k357_w1.2`)
 * of an architecture, as a TensorFlow.js model with random (seeded) weights.
 *
 * Layout ({@link OFA_LAYOUT}), as in Once-for-All's `MobileNetV3`:
 * - stem: 3x3 conv stride 2 (3 -> 24) + BN + h-swish;
 * - first block: depthwise 3x3 + BN + ReLU, pointwise 24 -> 24 + BN, identity residual;
 * - 5 stages of 2..4 MBConv blocks: 1x1 expand (cin x e) + BN + act, depthwise
 *   k x k (stride on the stage's first block) + BN + act, squeeze-excite where
 *   the stage has it (global pool, 1x1 to make_divisible(mid / 4, 8) + ReLU,
 *   1x1 back + h-sigmoid, scale), 1x1 project + BN; identity residual on
 *   every block but a stage's first; act = ReLU or h-swish per stage;
 * - 1x1 conv to 1152 + BN + h-swish, global pooling, 1x1 conv to 1536 +
 *   h-swish (no BN, no bias), classifier to 1000.
 */
import type * as TF from "@tensorflow/tfjs";
import { tfjs } from "../runtime/backend.js";
import { layerKit } from "./layer-kit.js";
import { OFA_LAYOUT, OFA_SLOTS, ofaNormalize, ofaParse, type OfaArch } from "../spaces/ofa.js";

/** Once-for-All's `make_divisible(v, 8)`: the nearest multiple of 8, never more than 10 % below v. */
export function makeDivisible(v: number, divisor = 8): number {
  let n = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (n < 0.9 * v) n += divisor;
  return n;
}

/** A subnet from its canonical string or record. */
export function ofaArchOf(arch: string | OfaArch): OfaArch {
  return typeof arch === "string" ? ofaParse(arch) : ofaNormalize(arch, "ofaArchOf");
}

/** One MBConv block of a subnet: channels, kernel, stride, squeeze-excite, activation, residual. */
export interface OfaBlock {
  readonly cin: number;
  readonly mid: number;
  readonly cout: number;
  readonly kernel: number;
  readonly stride: number;
  readonly se: boolean;
  /** Squeeze-excite's reduced width (0 without SE). */
  readonly seMid: number;
  readonly hswish: boolean;
  readonly residual: boolean;
  /** Expand 1x1 present (false for the first block, expand ratio 1). */
  readonly expand: boolean;
}

/**
 * The blocks of a subnet, first block included, in order.
 *
 * @example
 * ```ts
 * ofaBlocks(ofaParse("r160-d22222-k33003300330033003300-e66006600660066006600")).length; // 11
 * ```
 */
export function ofaBlocks(arch: OfaArch): OfaBlock[] {
  const L = OFA_LAYOUT;
  const blocks: OfaBlock[] = [
    { cin: L.stemChannels, mid: L.stemChannels, cout: L.firstBlockChannels, kernel: 3, stride: 1, se: false, seMid: 0, hswish: false, residual: L.stemChannels === L.firstBlockChannels, expand: false },
  ];
  let cin: number = L.firstBlockChannels;
  for (let i = 0; i < OFA_SLOTS; i++) {
    if (arch.ks[i] === 0) continue;
    const st = L.stages[Math.floor(i / 4)] as (typeof L.stages)[number];
    const first = i % 4 === 0;
    const mid = makeDivisible(Math.round(cin * (arch.e[i] as number)));
    blocks.push({
      cin,
      mid,
      cout: st.width,
      kernel: arch.ks[i] as number,
      stride: first ? st.stride : 1,
      se: st.se,
      seMid: st.se ? makeDivisible(Math.floor(mid / 4)) : 0,
      hswish: st.hswish,
      residual: !first,
      expand: true,
    });
    cin = st.width;
  }
  return blocks;
}

type Ctor = new (config: { name: string }) => TF.layers.Layer;
let custom: { HSwish: Ctor; HSigmoid: Ctor } | undefined;

/** h-swish and h-sigmoid as layers, registered once for serialisation. */
function activations(tf: ReturnType<typeof tfjs>): { HSwish: Ctor; HSigmoid: Ctor } {
  if (custom) return custom;
  const one = (x: TF.Tensor | TF.Tensor[]) => (Array.isArray(x) ? (x[0] as TF.Tensor) : x);
  class OfaHSwish extends tf.layers.Layer {
    static className = "OfaHSwish";
    override computeOutputShape(s: TF.Shape | TF.Shape[]): TF.Shape | TF.Shape[] {
      return s;
    }
    override call(inputs: TF.Tensor | TF.Tensor[]): TF.Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        return tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6));
      });
    }
  }
  class OfaHSigmoid extends tf.layers.Layer {
    static className = "OfaHSigmoid";
    override computeOutputShape(s: TF.Shape | TF.Shape[]): TF.Shape | TF.Shape[] {
      return s;
    }
    override call(inputs: TF.Tensor | TF.Tensor[]): TF.Tensor {
      return tf.tidy(() => tf.div(tf.relu6(tf.add(one(inputs), 3)), 6));
    }
  }
  tf.serialization.registerClass(OfaHSwish);
  tf.serialization.registerClass(OfaHSigmoid);
  custom = { HSwish: OfaHSwish, HSigmoid: OfaHSigmoid };
  return custom;
}

/**
 * Builds a Once-for-All MobileNetV3 subnet as a tfjs `LayersModel` (input
 * `[batch, r, r, 3]`, 1000 logits). The caller owns the model and must
 * `dispose()` it.
 *
 * @throws {InvalidArgumentError} when the subnet does not parse
 * @example
 * ```ts
 * const model = buildOfaNetwork("r160-d22222-k33003300330033003300-e66006600660066006600");
 * model.dispose();
 * ```
 */
export function buildOfaNetwork(arch: string | OfaArch, options: { seed?: number } = {}): TF.LayersModel {
  const a = ofaArchOf(arch);
  const tf = tfjs();
  const { HSwish, HSigmoid } = activations(tf);
  const { name, apply, conv, dw, bn, dense } = layerKit(tf, options.seed, "buildOfaNetwork");
  type Sym = TF.SymbolicTensor;
  const act = (x: Sym, hswish: boolean): Sym => apply(hswish ? new HSwish({ name: name("hswish") }) : tf.layers.reLU({ name: name("relu") }), x);

  const input = tf.input({ shape: [a.r, a.r, 3], name: "image" });
  let x = act(bn(conv(input, OFA_LAYOUT.stemChannels, 3, 2)), true);
  for (const b of ofaBlocks(a)) {
    const inp = x;
    let h = b.expand ? act(bn(conv(x, b.mid, 1, 1)), b.hswish) : x;
    h = act(bn(dw(h, b.kernel, b.stride)), b.hswish);
    if (b.se) {
      let s = apply(tf.layers.globalAveragePooling2d({ name: name("se_pool") }), h);
      s = apply(tf.layers.reshape({ targetShape: [1, 1, b.mid], name: name("se_reshape") }), s);
      s = apply(tf.layers.reLU({ name: name("relu") }), conv(s, b.seMid, 1, 1, true));
      s = apply(new HSigmoid({ name: name("hsigmoid") }), conv(s, b.mid, 1, 1, true));
      h = apply(tf.layers.multiply({ name: name("se_scale") }), [h, s]);
    }
    h = bn(conv(h, b.cout, 1, 1));
    x = b.residual ? apply(tf.layers.add({ name: name("add") }), [inp, h]) : h;
  }
  x = act(bn(conv(x, OFA_LAYOUT.finalExpand, 1, 1)), true);
  x = apply(tf.layers.globalAveragePooling2d({ name: name("pool") }), x);
  x = apply(tf.layers.reshape({ targetShape: [1, 1, OFA_LAYOUT.finalExpand], name: name("reshape") }), x);
  x = act(conv(x, OFA_LAYOUT.featureMix, 1, 1), true);
  x = apply(tf.layers.flatten({ name: name("flatten") }), x);
  const logits = dense(x, OFA_LAYOUT.classes);
  return tf.model({ inputs: input, outputs: logits, name: "ofa_mbv3" });
}
