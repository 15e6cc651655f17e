import { describe, expect, it } from "vitest";
import { layersModelCost, nb201Cost } from "../../src/measure/model-cost.js";
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
