/**
 * The ProxylessNAS mobile network of an architecture, as a TensorFlow.js
 * model with random (seeded) weights. Layout ({@link PROXYLESS_LAYOUT}), as
 * in ProxylessNAS's `ProxylessNASNets`:
 * - stem: 3x3 conv stride 2 (3 -> 32) + BN + ReLU6;
 * - first block: depthwise 3x3 + BN + ReLU6, pointwise 32 -> 16 + BN;
 * - 21 searchable layers: 1x1 expand (cin x e) + BN + ReLU6, depthwise k x k
 *   (stride on a stage's first layer) + BN + ReLU6, 1x1 project + BN; an
 *   identity residual on every layer but a stage's first; a skipped layer is
 *   the identity;
 * - 1x1 conv to 1280 + BN + ReLU6, global pooling, classifier to 1000.
 */
import type * as TF from "@tensorflow/tfjs";
import { tfjs } from "../runtime/backend.js";
import { layerKit } from "./layer-kit.js";
import { PROXYLESS_LAYOUT, proxylessLayers, proxylessParse, type ProxylessArch } from "../spaces/proxyless.js";

/**
 * Builds a ProxylessNAS mobile network as a tfjs `LayersModel` (input
 * `[batch, 224, 224, 3]`, 1000 logits). The caller owns the model and must
 * `dispose()` it.
 *
 * @throws {InvalidArgumentError} when the architecture does not parse
 * @example
 * ```ts
 * const model = buildProxylessNetwork(Array(21).fill("k3e6").join("-"));
 * model.dispose();
 * ```
 */
export function buildProxylessNetwork(arch: string | ProxylessArch, options: { seed?: number } = {}): TF.LayersModel {
  const layers = proxylessLayers(typeof arch === "string" ? proxylessParse(arch) : arch);
  const tf = tfjs();
  const { name, apply, conv, dw, bn, dense } = layerKit(tf, options.seed, "buildProxylessNetwork");
  const relu6 = (x: TF.SymbolicTensor) => apply(tf.layers.reLU({ maxValue: 6, name: name("relu6") }), x);

  const L = PROXYLESS_LAYOUT;
  const input = tf.input({ shape: [L.resolution, L.resolution, 3], name: "image" });
  let x = relu6(bn(conv(input, L.stemChannels, 3, 2)));
  x = bn(conv(relu6(bn(dw(x, 3, 1))), L.firstBlockChannels, 1, 1));
  for (const l of layers) {
    if (!l.op) continue; // skipped: the identity
    const h = relu6(bn(dw(relu6(bn(conv(x, l.cin * l.op.expand, 1, 1))), l.op.kernel, l.stride)));
    const y = bn(conv(h, l.cout, 1, 1));
    x = l.residual ? apply(tf.layers.add({ name: name("add") }), [x, y]) : y;
  }
  x = relu6(bn(conv(x, L.featureMix, 1, 1)));
  x = apply(tf.layers.globalAveragePooling2d({ name: name("pool") }), x);
  const logits = dense(x, L.classes);
  return tf.model({ inputs: input, outputs: logits, name: "proxyless_mobile" });
}
