import { describe, expect, it } from "vitest";
import { fbnetCost, layersModelCost, nb201Cost } from "../../src/measure/model-cost.js";
import { buildNb201Network } from "../../src/measure/nb201-network.js";
import { seededRng } from "../../src/random.js";
import { initBackend } from "../../src/runtime/backend.js";
import { NB201_SIZE, nb201FromCode } from "../../src/spaces/nb201.js";

const CONV3 = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|";
const NONE = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";

describe("nb201Cost", () => {
  it("reproduces NAS-Bench-201's published ranges on CIFAR-10 (7.78..220.11 MFLOPs, 0.073..1.531 M parameters)", () => {
    const lo = nb201Cost(NONE);
    const hi = nb201Cost(CONV3);
    expect(lo.flops / 1e6).toBeCloseTo(7.78, 2);
    expect(Math.abs(hi.flops / 1e6 - 220.11)).toBeLessThan(0.01);
    expect(lo.params / 1e6).toBeCloseTo(0.073, 3);
    expect(Math.abs(hi.params / 1e6 - 1.531)).toBeLessThan(0.001); // published values are truncated: 1.531546
    // every architecture lies inside that range
    let minF = Infinity, maxF = 0;
    for (let c = 0; c < NB201_SIZE; c += 7) {
      const { flops } = nb201Cost(nb201FromCode(c));
      minF = Math.min(minF, flops);
      maxF = Math.max(maxF, flops);
    }
    expect(minF).toBeGreaterThanOrEqual(lo.flops);
    expect(maxF).toBeLessThanOrEqual(hi.flops);
  });
  it("equals the layer-by-layer count of the built model (FLOPs) and the model's own trainable parameters", async () => {
    await initBackend("wasm");
    const rng = seededRng(11);
    const codes = [0, NB201_SIZE - 1, ...Array.from({ length: 8 }, () => Math.floor(rng.next() * NB201_SIZE))];
    for (const code of codes) {
      for (const options of [{}, { classes: 120, inputSize: 16 }]) {
        const model = buildNb201Network(nb201FromCode(code), options);
        const counted = layersModelCost(model);
        const own = model.trainableWeights.reduce((s, w) => s + w.shape.reduce((a: number, b) => a * (b as number), 1), 0);
        model.dispose();
        expect(counted).toEqual(nb201Cost(nb201FromCode(code), options));
        expect(own).toBe(counted.params);
      }
    }
  });
});

describe("fbnetCost", () => {
  const skips = Array(22).fill("skip");
  it("counts the stem, a 1 x 1 convolution where a skip changes the shape, and the head (all skips, by hand)", () => {
    const stem = 112 * 112 * 9 * 3 * 16;
    const transitions = 56 * 56 * 16 * 24 + 28 * 28 * 24 * 32 + 14 * 14 * 32 * 64 + 14 * 14 * 64 * 112 + 7 * 7 * 112 * 184 + 7 * 7 * 184 * 352;
    const head = 7 * 7 * 352 * 1984 + 1984 * 1000;
    expect(fbnetCost(skips.join("-")).flops).toBe(stem + transitions + head);
  });
  it("adds a block's three convolutions: 1 x 1 (grouped), k x k depthwise, 1 x 1 (grouped)", () => {
    const base = fbnetCost(skips.join("-"));
    const k3 = fbnetCost(["k3_e1", ...skips.slice(1)].join("-"));
    expect(k3.flops - base.flops).toBe(112 * 112 * (16 * 16 + 9 * 16 + 16 * 16));
    const g2 = fbnetCost(["k3_e1_g2", ...skips.slice(1)].join("-"));
    expect(g2.flops - base.flops).toBe(112 * 112 * (8 * 16 + 9 * 16 + 8 * 16));
    // expansion 6 at the first layer of stage 2 (16 -> 24 channels, stride 2): the 1 x 1 runs at the input's resolution
    const e6 = [...skips];
    e6[1] = "k5_e6";
    expect(fbnetCost(e6.join("-")).flops - base.flops).toBe(112 * 112 * 16 * 96 + 56 * 56 * 25 * 96 + 56 * 56 * 96 * 24 - 56 * 56 * 16 * 24);
    expect(fbnetCost([0, ...Array(21).fill(8)])).toEqual(k3);
    expect(() => fbnetCost("k3_e1")).toThrowError(/"k3_e1" has 1 layers, expected 22 block names/);
  });
});
