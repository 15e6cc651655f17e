import { describe, expect, it } from "vitest";
import { seededRng } from "../../src/random.js";
import { canonicalArch } from "../../src/spaces/space.js";
import { ofaAccuracyFeatures, ofaFormat, ofaLayerKeys, ofaMutate, ofaNormalize, ofaParse, ofaSample } from "../../src/spaces/ofa.js";

describe("Once-for-All MobileNetV3 space", () => {
  it("round-trips sampled subnets, and zeroes slots past each depth", () => {
    const rng = seededRng(11);
    for (let i = 0; i < 200; i++) {
      const a = ofaSample(rng);
      const s = ofaFormat(a);
      expect(ofaParse(s)).toEqual(a);
      a.d.forEach((d, st) => {
        for (let k = d; k < 4; k++) expect(a.ks[st * 4 + k]).toBe(0);
      });
    }
  });
  it("two subnets that differ only past a depth are one network", () => {
    const base = { ks: Array(20).fill(3), e: Array(20).fill(6), d: [2, 2, 2, 2, 2], r: 160 };
    const other = { ...base, ks: base.ks.map((k, i) => (i % 4 >= 2 ? 7 : k)) };
    expect(ofaFormat(ofaNormalize(base))).toBe(ofaFormat(ofaNormalize(other)));
    expect(canonicalArch("ofa-mbv3", ofaFormat(ofaNormalize(base)))).toBe("r160-d22222-k33003300330033003300-e66006600660066006600");
  });
  it("accuracy features: 60 kernel + 60 expand + 8 resolution one-hot, zero past depth", () => {
    const a = ofaNormalize({ ks: Array(20).fill(5), e: Array(20).fill(4), d: [4, 3, 2, 2, 2], r: 224 });
    const x = ofaAccuracyFeatures(a);
    expect(x).toHaveLength(128);
    expect(x.slice(0, 60).reduce((p, q) => p + q, 0)).toBe(13);
    expect(x[1]).toBe(1); // slot 0, kernel 5
    expect(x[60 + 1]).toBe(1); // slot 0, expand 4
    expect(Array.from(x.slice(120))).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ofaAccuracyFeatures({ ...a, r: 128 })[121]).toBe(1);
    expect(ofaAccuracyFeatures({ ...a, r: 140 })[121]).toBe(1); // floor((140-112)/16) = 1
  });
  it("mutation changes the network and stays valid", () => {
    const rng = seededRng(2);
    const a = ofaSample(rng);
    for (let i = 0; i < 50; i++) expect(ofaFormat(ofaMutate(a, rng))).not.toBe(ofaFormat(a));
  });
  it("layer keys follow the network: stem, first block, live blocks, head", () => {
    const a = ofaNormalize({ ks: Array(20).fill(3), e: Array(20).fill(3), d: [2, 2, 2, 2, 2], r: 160 });
    const keys = ofaLayerKeys(a);
    expect(keys).toHaveLength(2 + 10 + 4);
    expect(keys[0]).toBe("Conv-input:160x160x3-output:80x80x24");
    expect(keys[2]).toBe("expanded_conv-input:80x80x24-output:40x40x32-expand:72-kernel:3-stride:2-idskip:0-se:0-hs:0");
    expect(keys[keys.length - 1]).toBe("Logits-input:1x1x1536-output:1000");
  });
  it("rejects malformed subnets with the reason", () => {
    expect(() => ofaParse("r160-d22222-k33003300330033003300-e66006600660066006600".replace("r160", "r162"))).toThrowError(/r must be in 128..224 in steps of 4/);
    expect(() => ofaParse("r160-d22222-k33303300330033003300-e66006600660066006600")).toThrowError(/slot 2 is past its stage's depth and must be 0/);
    expect(() => ofaNormalize({ ks: Array(20).fill(4), e: Array(20).fill(3), d: [2, 2, 2, 2, 2], r: 160 })).toThrowError(/kernel 4 at slot 0; valid: 3, 5, 7/);
    expect(() => ofaParse("nonsense")).toThrowError(/expected "r<res>-d<5 depths>-k<20 kernels>-e<20 expands>"/);
  });
});
