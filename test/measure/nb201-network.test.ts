import { describe, expect, it } from "vitest";
import { buildNb201Network, nb201Layout } from "../../src/measure/nb201-network.js";
import { initBackend, tfjs } from "../../src/runtime/backend.js";
import { nb201Format, nb201FromCode } from "../../src/spaces/nb201.js";

const CONV3 = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|";
const NONE = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";

describe("buildNb201Network", () => {
  it("builds NAS-Bench-201's CIFAR network: shapes, layer counts, logits", async () => {
    await initBackend("wasm");
    const tf = tfjs();
    const model = buildNb201Network(CONV3);
    expect(model.inputs[0]?.shape).toEqual([null, 32, 32, 3]);
    expect(model.outputs[0]?.shape).toEqual([null, 10]);
    const convs = model.layers.filter((l) => l.getClassName() === "Conv2D");
    // stem 1 + 15 cells x 6 + 2 reductions x 3
    expect(convs.length).toBe(1 + 15 * 6 + 2 * 3);
    const x = tf.randomNormal([2, 32, 32, 3], 0, 1, "float32", 1);
    const y = model.predict(x) as import("@tensorflow/tfjs").Tensor;
    expect(y.shape).toEqual([2, 10]);
    expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });
  it("an all-none cell is computed as zeros: the network's output is the stem's path only, identical for any input through the cells", async () => {
    await initBackend("wasm");
    const tf = tfjs();
    const model = buildNb201Network(NONE, { seed: 3 });
    expect(model.layers.filter((l) => l.getClassName() === "Nb201Zero").length).toBe(15 * 6);
    const a = tf.randomNormal([1, 32, 32, 3], 0, 1, "float32", 1);
    const b = tf.randomNormal([1, 32, 32, 3], 0, 1, "float32", 2);
    const ya = model.predict(a) as import("@tensorflow/tfjs").Tensor;
    const yb = model.predict(b) as import("@tensorflow/tfjs").Tensor;
    // the last cell outputs zeros whatever the image: logits are the classifier's bias
    expect(Array.from(ya.dataSync())).toEqual(Array.from(yb.dataSync()));
    tf.dispose([a, b, ya, yb]);
    model.dispose();
  });
  it("building, running and disposing leaks no tensors; the seed fixes the weights", async () => {
    await initBackend("wasm");
    const tf = tfjs();
    const before = tf.memory().numTensors;
    for (const code of [0, 1234, 15624]) {
      const m = buildNb201Network(nb201FromCode(code), { seed: 7 });
      const x = tf.ones([1, 32, 32, 3]);
      tf.dispose([x, m.predict(x) as import("@tensorflow/tfjs").Tensor]);
      m.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    const w = (seed: number) => {
      const m = buildNb201Network(CONV3, { seed });
      const v = Array.from(m.getWeights()[0]!.dataSync()).slice(0, 8);
      m.dispose();
      return v;
    };
    expect(w(1)).toEqual(w(1));
    expect(w(1)).not.toEqual(w(2));
    expect(tf.memory().numTensors).toBe(before);
  });
  it("ImageNet16-120 layout; bad architectures and options are typed errors", async () => {
    await initBackend("wasm");
    const m = buildNb201Network(nb201Format([3, 1, 2, 4, 0, 3]), { classes: 120, inputSize: 16 });
    expect(m.outputs[0]?.shape).toEqual([null, 120]);
    m.dispose();
    expect(() => buildNb201Network("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|")).toThrow(/unknown operation "conv"/);
    expect(() => buildNb201Network([0, 0, 0, 0, 0, 5])).toThrow(/6 operation ids in 0..4/);
    expect(() => nb201Layout({ inputSize: 30 })).toThrow(/multiple of 4/);
    expect(() => nb201Layout({ channels: 0 })).toThrow(/channels = 0/);
  });
});

describe("buildNb201Network: a node that sums one tensor twice", () => {
  it("runs (two skip edges from node 0 into node 2 through node 1)", async () => {
    await initBackend("wasm");
    const tf = tfjs();
    const before = tf.memory().numTensors;
    const m = buildNb201Network("|skip_connect~0|+|skip_connect~0|skip_connect~1|+|avg_pool_3x3~0|none~1|skip_connect~2|");
    const x = tf.ones([1, 32, 32, 3]);
    for (let i = 0; i < 2; i++) tf.dispose(m.predict(x) as import("@tensorflow/tfjs").Tensor);
    tf.dispose(x);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
