import { describe, expect, it } from "vitest";
import { layerKit } from "../../src/measure/layer-kit.js";
import { initBackend, tfjs } from "../../src/runtime/backend.js";

describe("layerKit", () => {
  it("names layers in creation order and gives each initialiser the next seed: one seed, one network", async () => {
    await initBackend("wasm");
    const tf = tfjs();
    const build = (seed: number) => {
      const k = layerKit(tf, seed, "test");
      const input = tf.input({ shape: [8, 8, 3] });
      const x = k.bn(k.dw(k.conv(input, 4, 3, 2), 3, 1));
      const y = k.dense(tf.layers.flatten().apply(x) as import("@tensorflow/tfjs").SymbolicTensor, 5);
      const m = tf.model({ inputs: input, outputs: y });
      const weights = m.getWeights().map((w) => Array.from(w.dataSync()));
      const names = m.layers.map((l) => l.name).filter((n) => /_\d+$/.test(n));
      m.dispose();
      return { weights, names };
    };
    const a = build(4);
    expect(a.names).toEqual(["conv_0", "dwconv_1", "bn_2", "classifier_3"]);
    expect(build(4).weights).toEqual(a.weights);
    expect(build(5).weights[0]).not.toEqual(a.weights[0]);
    // the seeds advance: the depthwise kernel is not drawn from the convolution's seed
    expect(a.weights[1]?.slice(0, 4)).not.toEqual(a.weights[0]?.slice(0, 4));
    expect(() => layerKit(tf, 1.5, "buildXNetwork")).toThrow(/buildXNetwork: seed = 1.5 is not an integer/);
  });
});
