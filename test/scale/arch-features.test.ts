import { describe, expect, it } from "vitest";
import { nb201Cost, ofaCost } from "../../src/measure/model-cost.js";
import { nb201FeatureMatrix } from "../../src/predict/nb201-features.js";
import { deviceAwareArchFeatures } from "../../src/scale/arch-features.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";

describe("deviceAwareArchFeatures", () => {
  it("is the NAS-Bench-201 one-hot and live one-hot, then log FLOPs and log parameters", () => {
    const archs = nb201Enumerate().slice(0, 50).map(nb201Format);
    const x = deviceAwareArchFeatures("nb201", archs);
    const base = nb201FeatureMatrix(archs, "onehot+live");
    expect(x.cols).toBe(62);
    for (let r = 0; r < archs.length; r++) {
      expect(Array.from(x.data.subarray(r * 62, r * 62 + 60))).toEqual(Array.from(base.data.subarray(r * 60, (r + 1) * 60)));
      const c = nb201Cost(archs[r] as string);
      expect(x.data[r * 62 + 60]).toBeCloseTo(Math.log(c.flops), 12);
      expect(x.data[r * 62 + 61]).toBeCloseTo(Math.log(c.params), 12);
    }
  });
  it("covers Once-for-All with its block encoding and analytic costs", () => {
    const a = "r224-d44444-k77777777777777777777-e66666666666666666666";
    const x = deviceAwareArchFeatures("ofa-mbv3", [a]);
    expect(x.data[x.cols - 2]).toBeCloseTo(Math.log(ofaCost(a).flops), 12);
  });
  it("refuses a space it has no features for, naming the supported ones", () => {
    expect(() => deviceAwareArchFeatures("fbnet", [])).toThrowError(/fbnet space has no architecture features yet; supported: nb201, ofa-mbv3/);
  });
});
