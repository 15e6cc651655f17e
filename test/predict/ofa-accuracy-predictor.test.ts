import { beforeAll, describe, expect, it } from "vitest";
import { loadOfaAccuracyPredictorWeights } from "../../src/data/load-lut.js";
import type { Tensor } from "../../src/io/torch.js";
import { OfaAccuracyPredictor } from "../../src/predict/ofa-accuracy-predictor.js";
import { seededRng } from "../../src/random.js";
import { ofaAccuracyFeatures, ofaFormat, ofaNormalize, ofaSample } from "../../src/spaces/ofa.js";
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
  it("gives the dense forward pass's numbers to the last bit (it sums only nonzero inputs, input-major)", () => {
    const p = OfaAccuracyPredictor.create(weights);
    const rng = seededRng(3);
    const archs = Array.from({ length: 200 }, () => ofaSample(rng));
    const got = p.predict(archs);
    // the plain dense loop: output by output, every input in order, then ReLU
    const layer = (name: string) => ({ w: Float64Array.from((weights[`${name}.weight`] as Tensor).data as Float32Array), b: Float64Array.from((weights[`${name}.bias`] as Tensor).data as Float32Array) });
    const layers = ["0", "2", "4", "6"].map(layer);
    const dense = archs.map((a) => {
      let x = Array.from(ofaAccuracyFeatures(a));
      layers.forEach((l, li) => {
        const y = Array.from(l.b, (b, o) => x.reduce((s, v, i) => (v === 0 ? s : s + (l.w[o * x.length + i] as number) * v), b));
        x = li === layers.length - 1 ? y : y.map((v) => (v > 0 ? v : 0));
      });
      return (x[0] as number) * 100;
    });
    expect(Array.from(got)).toEqual(dense);
    // a second call (the transposed weights cached) and a call on one subnet agree with the first
    expect(Array.from(p.predict(archs))).toEqual(dense);
    expect(p.predict(archs.slice(7, 8))[0]).toBe(dense[7]);
  });
  it("names a missing or misshapen tensor", () => {
    const { ["2.weight"]: _w, ...rest } = weights;
    expect(() => OfaAccuracyPredictor.create(rest)).toThrowError(/2.weight is missing, expected \[400, 400\]/);
    expect(() => OfaAccuracyPredictor.create({ ...weights, "6.bias": { ...(weights["6.bias"] as Tensor), shape: [2] } })).toThrowError(/6.bias is \[2\], expected \[1\]/);
  });
});
