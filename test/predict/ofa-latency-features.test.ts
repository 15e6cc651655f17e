import { describe, expect, it } from "vitest";
import { OFA_LATENCY_FEATURES, ofaLatencyFeatureMatrix, ofaLatencyFeatures } from "../../src/predict/ofa-latency-features.js";
import { InvalidArgumentError } from "../../src/errors.js";

describe("ofaLatencyFeatures", () => {
  const small = "r224-d22222-k33003300330033003300-e33003300330033003300";
  const big = "r160-d44444-k77777777777777777777-e66666666666666666666";
  it("one (kernel, expand) choice per live slot, scaled by the pixel count; zero past the depth", () => {
    expect(OFA_LATENCY_FEATURES).toBe(181);
    const x = ofaLatencyFeatures(small);
    // slot 0: kernel 3, expand 3 = choice 0, at r = 224: scale 1
    expect(x[0]).toBe(1);
    expect(Array.from(x.slice(1, 9))).toEqual(new Array(8).fill(0));
    // slots 2 and 3 of stage 1 are past depth 2
    expect(Array.from(x.slice(18, 36))).toEqual(new Array(18).fill(0));
    expect(x.reduce((a, v) => a + v, 0)).toBe(10 + 1);
    const y = ofaLatencyFeatures(big);
    const s = (160 / 224) ** 2;
    expect(y[8]).toBeCloseTo(s, 12); // kernel 7, expand 6 = choice 8
    expect(y[180]).toBeCloseTo(s, 12);
    expect(y.filter((v) => v > 0).length).toBe(21);
  });
  it("stacks rows and rejects what is not a subnet", () => {
    const m = ofaLatencyFeatureMatrix([small, big]);
    expect([m.rows, m.cols]).toEqual([2, 181]);
    expect(Array.from(m.data.slice(181))).toEqual(Array.from(ofaLatencyFeatures(big)));
    expect(() => ofaLatencyFeatures("r224-nonsense")).toThrow(InvalidArgumentError);
  });
});
