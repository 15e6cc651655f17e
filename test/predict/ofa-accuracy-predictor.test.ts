import { beforeAll, describe, expect, it } from "vitest";
import { loadOfaAccuracyPredictorWeights } from "../../src/data/load-lut.js";
import type { Tensor } from "../../src/io/torch.js";
import { OfaAccuracyPredictor } from "../../src/predict/ofa-accuracy-predictor.js";
import { ofaFormat, ofaNormalize } from "../../src/spaces/ofa.js";
import { mirrorDir } from "../helpers/mirror.js";

let weights: Readonly<Record<string, Tensor>>;
beforeAll(async () => {
  weights = await loadOfaAccuracyPredictorWeights({ mirror: mirrorDir() });
});

describe("OfaAccuracyPredictor", () => {
  it("matches Once-for-All's predictor run in PyTorch (golden values from torch 1.13 on acc_predictor.pth)", () => {
    const p = OfaAccuracyPredictor.create(weights);
    const archs = [
      ofaNormalize({ ks: Array(20).fill(7), e: Array(20).fill(6), d: [4, 4, 4, 4, 4], r: 224 }),
      ofaNormalize({ ks: Array(20).fill(3), e: Array(20).fill(3), d: [2, 2, 2, 2, 2], r: 160 }),
      ofaNormalize({ ks: Array(5).fill([5, 3, 7, 5]).flat(), e: Array(5).fill([4, 6, 3, 6]).flat(), d: [3, 2, 4, 3, 2], r: 192 }),
    ];
    const got = p.predict([archs[0], ofaFormat(archs[1] as never), archs[2]] as never);
    const torch = [0.8359277844429016, 0.753118634223938, 0.8033640384674072];
    torch.forEach((v, i) => expect(got[i]).toBeCloseTo(v * 100, 3));
  });
  it("names a missing or misshapen tensor", () => {
    const { ["2.weight"]: _w, ...rest } = weights;
    expect(() => OfaAccuracyPredictor.create(rest)).toThrowError(/2.weight is missing, expected \[400, 400\]/);
    expect(() => OfaAccuracyPredictor.create({ ...weights, "6.bias": { ...(weights["6.bias"] as Tensor), shape: [2] } })).toThrowError(/6.bias is \[2\], expected \[1\]/);
  });
});
