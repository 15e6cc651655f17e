import { describe, expect, it } from "vitest";
import { layersModelCost, ofaCost } from "../../src/measure/model-cost.js";
import { buildOfaNetwork, makeDivisible, ofaBlocks } from "../../src/measure/ofa-network.js";
import { imageShapeOf } from "../../src/measure/network.js";
import { seededRng } from "../../src/random.js";
import { initBackend, tfjs } from "../../src/runtime/backend.js";
import { ofaFormat, ofaParse, ofaSample } from "../../src/spaces/ofa.js";

const SMALLEST = "r128-d22222-k33003300330033003300-e33003300330033003300";
const LARGEST = "r224-d44444-k77777777777777777777-e66666666666666666666";

describe("buildOfaNetwork", () => {
  it("builds the subnet: input resolution, 1000 logits, one MBConv per live slot, SE only in stages 2, 4, 5", async () => {
    await initBackend("wasm");
    const tf = tfjs();
    const before = tf.memory().numTensors;
    const m = buildOfaNetwork(SMALLEST, { seed: 1 });
    expect(m.inputs[0]?.shape).toEqual([null, 128, 128, 3]);
    expect(imageShapeOf("ofa-mbv3", SMALLEST)).toEqual([128, 128, 3]); // derived without building
    expect(imageShapeOf("nb201", "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")).toEqual([32, 32, 3]);
    expect(m.outputs[0]?.shape).toEqual([null, 1000]);
    expect(m.layers.filter((l) => l.getClassName() === "DepthwiseConv2D").length).toBe(1 + 10);
    expect(m.layers.filter((l) => l.getClassName() === "Multiply").length).toBe(6); // 2 blocks x 3 SE stages
    const x = tf.randomNormal([1, 128, 128, 3], 0, 1, "float32", 1);
    const y = m.predict(x) as import("@tensorflow/tfjs").Tensor;
    expect(y.shape).toEqual([1, 1000]);
    expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([x, y]);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => buildOfaNetwork("r130-d22222-k33003300330033003300-e33003300330033003300")).toThrow(/r must be in 128..224 in steps of 4/);
  });
  it("analytic FLOPs and parameters equal the layer-by-layer count and the model's trainable weights", async () => {
    await initBackend("wasm");
    const rng = seededRng(5);
    for (const arch of [SMALLEST, LARGEST, ...Array.from({ length: 4 }, () => ofaFormat(ofaSample(rng)))]) {
      const m = buildOfaNetwork(arch);
      const counted = layersModelCost(m);
      const own = m.trainableWeights.reduce((s, w) => s + w.shape.reduce((a: number, b) => a * (b as number), 1), 0);
      m.dispose();
      expect(counted, arch).toEqual(ofaCost(arch));
      expect(own, arch).toBe(counted.params);
    }
    // more depth, kernel, expand and resolution: more FLOPs
    expect(ofaCost(LARGEST).flops).toBeGreaterThan(5 * ofaCost(SMALLEST).flops);
  });
  it("make_divisible and the block table follow Once-for-All", () => {
    expect(makeDivisible(102)).toBe(104);
    expect(makeDivisible(19.2)).toBe(24);
    expect(makeDivisible(4)).toBe(8);
    const blocks = ofaBlocks(ofaParse(SMALLEST));
    expect(blocks[1]).toMatchObject({ cin: 24, mid: 72, cout: 32, stride: 2, se: false, residual: false });
    expect(blocks[3]).toMatchObject({ cin: 32, mid: 96, cout: 48, se: true, seMid: 24 });
  });
});
