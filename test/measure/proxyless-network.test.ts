import { describe, expect, it } from "vitest";
import { layersModelCost, proxylessCost } from "../../src/measure/model-cost.js";
import { imageShapeOf, REFERENCE_ARCHS } from "../../src/measure/network.js";
import { buildProxylessNetwork } from "../../src/measure/proxyless-network.js";
import { seededRng } from "../../src/random.js";
import { initBackend, tfjs } from "../../src/runtime/backend.js";
import { proxylessFormat, proxylessSample } from "../../src/spaces/proxyless.js";

const LARGEST = Array(21).fill("k7e6").join("-");

describe("buildProxylessNetwork", () => {
  it("builds the network: 224 x 224 input, 1000 logits, one depthwise convolution per layer that runs, a residual add on each that runs past a stage's first", async () => {
    await initBackend("wasm");
    const tf = tfjs();
    const before = tf.memory().numTensors;
    const small = REFERENCE_ARCHS.proxyless;
    const m = buildProxylessNetwork(small, { seed: 1 });
    expect(m.inputs[0]?.shape).toEqual([null, 224, 224, 3]);
    expect(imageShapeOf("proxyless", small)).toEqual([224, 224, 3]);
    expect(m.outputs[0]?.shape).toEqual([null, 1000]);
    // the reference: the first two layers of each stage (one in the last), and the fixed first block
    expect(m.layers.filter((l) => l.getClassName() === "DepthwiseConv2D").length).toBe(1 + 11);
    expect(m.layers.filter((l) => l.getClassName() === "Add").length).toBe(5);
    const x = tf.randomNormal([1, 224, 224, 3], 0, 1, "float32", 1);
    const y = m.predict(x) as import("@tensorflow/tfjs").Tensor;
    expect(y.shape).toEqual([1, 1000]);
    expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([x, y]);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => buildProxylessNetwork(["skip", ...Array(20).fill("k3e6")].join("-"))).toThrow(/cannot be skip/);
  });
  it("analytic FLOPs and parameters equal the layer-by-layer count and the model's trainable weights", async () => {
    await initBackend("wasm");
    const rng = seededRng(5);
    for (const arch of [REFERENCE_ARCHS.proxyless, LARGEST, ...Array.from({ length: 3 }, () => proxylessFormat(proxylessSample(rng)))]) {
      const m = buildProxylessNetwork(arch);
      const counted = layersModelCost(m);
      const own = m.trainableWeights.reduce((s, w) => s + w.shape.reduce((a: number, b) => a * (b as number), 1), 0);
      m.dispose();
      expect(counted, arch).toEqual(proxylessCost(arch));
      expect(own, arch).toBe(counted.params);
    }
  });
});
