import { describe, expect, it } from "vitest";
import { seededRng } from "../../src/random.js";
import { FBNET_BLOCKS, fbnetFormat, fbnetLayerFeatures, fbnetMutate, fbnetOneHot, fbnetParse, fbnetSample } from "../../src/spaces/fbnet.js";

describe("FBNet space", () => {
  it("round-trips sampled architectures through strings", () => {
    const rng = seededRng(3);
    for (let i = 0; i < 200; i++) {
      const a = fbnetSample(rng);
      expect(fbnetParse(fbnetFormat(a))).toEqual(a);
      expect(fbnetOneHot(a).reduce((x, y) => x + y, 0)).toBe(22);
    }
  });
  it("sampling is seeded", () => {
    expect(fbnetSample(seededRng(9))).toEqual(fbnetSample(seededRng(9)));
  });
  it("mutation always changes at least one layer and keeps the rest valid", () => {
    const rng = seededRng(5);
    const a = fbnetSample(rng);
    for (let i = 0; i < 100; i++) {
      const b = fbnetMutate(a, rng, 0);
      expect(b.filter((x, l) => x !== a[l])).toHaveLength(1);
      expect(() => fbnetFormat(b)).not.toThrow();
    }
  });
  it("per-layer features: kernel, expansion, groups, skip", () => {
    const s = [...Array(21).fill("k5_e1_g2"), "skip"].join("-");
    const f = fbnetLayerFeatures(fbnetParse(s));
    expect(Array.from(f.slice(0, 4))).toEqual([5, 1, 2, 0]);
    expect(Array.from(f.slice(84))).toEqual([0, 0, 0, 1]);
  });
  it("rejects unknown blocks and wrong lengths", () => {
    expect(() => fbnetParse(Array(22).fill("k7_e6").join("-"))).toThrowError(/layer 0 block "k7_e6" is unknown; blocks: k3_e1/);
    expect(() => fbnetParse(Array(21).fill(FBNET_BLOCKS[0]).join("-"))).toThrowError(/has 21 layers, expected 22/);
  });
});
