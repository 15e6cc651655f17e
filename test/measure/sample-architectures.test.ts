import { describe, expect, it } from "vitest";
import { nb201Cost } from "../../src/measure/model-cost.js";
import { stratifiedNb201Sample } from "../../src/measure/sample-architectures.js";
import { nb201FromCode } from "../../src/spaces/nb201.js";

const REF = "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|";

describe("stratifiedNb201Sample", () => {
  it("n distinct architectures, included ones first, seeded, spread over the FLOPs range", () => {
    const s = stratifiedNb201Sample(200, 3, [REF]);
    expect(s.length).toBe(200);
    expect(new Set(s).size).toBe(200);
    expect(s[0]).toBe(REF);
    expect(stratifiedNb201Sample(200, 3, [REF])).toEqual(s);
    expect(stratifiedNb201Sample(200, 4, [REF])).not.toEqual(s);
    // equal-count strata over FLOPs: each decile of the space's FLOPs holds about a tenth of the sample
    // FLOPs take few distinct values (they count 1x1 and 3x3 convolutions): each value's share of the sample follows its share of the space
    const space = new Map<number, number>();
    for (let c = 0; c < 15625; c++) {
      const f = nb201Cost(nb201FromCode(c)).flops;
      space.set(f, (space.get(f) ?? 0) + 1);
    }
    const sample = new Map<number, number>();
    for (const a of s) sample.set(nb201Cost(a).flops, (sample.get(nb201Cost(a).flops) ?? 0) + 1);
    for (const [f, n] of space) expect(Math.abs((sample.get(f) ?? 0) / 200 - n / 15625), `FLOPs ${f}`).toBeLessThan(0.02);
  });
  it("the whole space when n = 15,625; typed errors for bad n or included strings", () => {
    expect(new Set(stratifiedNb201Sample(15625, 0)).size).toBe(15625);
    expect(() => stratifiedNb201Sample(0, 0)).toThrow(/n = 0/);
    expect(() => stratifiedNb201Sample(1, 0, [REF, "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"])).toThrow(/2 architectures to include but n = 1/);
    expect(() => stratifiedNb201Sample(5, 0, ["|bogus~0|"])).toThrow(/not a NAS-Bench-201 architecture/);
  });
});
