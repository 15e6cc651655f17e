import { describe, expect, it } from "vitest";
import { fbnetCost, nb201Cost, ofaCost, proxylessCost } from "../../src/measure/model-cost.js";
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
  it("covers FBNet with its block one-hot and the analytic costs of FBNet's macro-architecture", () => {
    const a = Array(22).fill("k5_e6").join("-");
    const x = deviceAwareArchFeatures("fbnet", [a]);
    expect(x.cols).toBe(22 * 9 + 2);
    expect(x.data[7]).toBe(1); // layer 0, block k5_e6
    expect(x.data[x.cols - 2]).toBeCloseTo(Math.log(fbnetCost(a).flops), 12);
  });
  it("covers ProxylessNAS with its choice one-hot and the analytic costs of its mobile network", () => {
    const a = ["k7e3", ...Array(20).fill("k3e6")].join("-");
    const x = deviceAwareArchFeatures("proxyless", [a]);
    expect(x.cols).toBe(21 * 7 + 2);
    expect(x.data[4]).toBe(1); // layer 0, k7e3
    expect(x.data[7 + 1]).toBe(1); // layer 1, k3e6
    expect(x.data[x.cols - 1]).toBeCloseTo(Math.log(proxylessCost(a).params), 12);
  });
  it("refuses a space it has no features for, naming the supported ones", () => {
    expect(() => deviceAwareArchFeatures("nb101" as never, [])).toThrowError(/nb101 space has no architecture features yet; supported: nb201, ofa-mbv3, fbnet, proxyless/);
  });
});
