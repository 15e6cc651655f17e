import { describe, expect, it } from "vitest";
import { proxylessCost } from "../../src/measure/model-cost.js";
import { stratifiedProxylessSample } from "../../src/measure/stratified-proxyless-sample.js";
import { seededRng } from "../../src/random.js";
import { proxylessFormat, proxylessParse, proxylessSample } from "../../src/spaces/proxyless.js";
import { spearman } from "../../src/stats/correlation.js";

const logFlops = (a: string) => Math.log(proxylessCost(a).flops);
const sd = (xs: readonly number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
};

describe("stratifiedProxylessSample", () => {
  it("n distinct canonical architectures, seeded", () => {
    const s = stratifiedProxylessSample(120, 3);
    expect(s.length).toBe(120);
    expect(new Set(s).size).toBe(120);
    for (const a of s) expect(proxylessFormat(proxylessParse(a))).toBe(a);
    expect(stratifiedProxylessSample(120, 3)).toEqual(s);
    expect(stratifiedProxylessSample(120, 4)).not.toEqual(s);
  });

  it("one network per equal-width stratum of log FLOPs: evenly spread, far wider than a uniform draw", () => {
    const f = stratifiedProxylessSample(200, 0).map(logFlops).sort((a, b) => a - b);
    const uniform = Array.from({ length: 200 }, ((rng) => () => logFlops(proxylessFormat(proxylessSample(rng))))(seededRng(0)));
    expect(sd(f)).toBeGreaterThan(3 * sd(uniform));
    // equal-width strata: consecutive gaps are under two strata wide, and the quartiles sit at a quarter of the range
    const width = ((f[199] as number) - (f[0] as number)) / 200;
    for (let i = 1; i < 200; i++) expect((f[i] as number) - (f[i - 1] as number)).toBeLessThan(2 * width);
    const q1 = f[50] as number;
    expect(Math.abs((q1 - (f[0] as number)) / ((f[199] as number) - (f[0] as number)) - 0.25)).toBeLessThan(0.03);
  });

  it("in an order that does not follow FLOPs (the measurement order)", () => {
    const f = stratifiedProxylessSample(200, 1).map(logFlops);
    expect(Math.abs(spearman(f, f.map((_, i) => i)).value)).toBeLessThan(0.2);
  });

  it("a typed error for n out of 1..2000", () => {
    expect(() => stratifiedProxylessSample(0, 0)).toThrow(/n = 0; expected an integer in 1..2000/);
    expect(() => stratifiedProxylessSample(2.5, 0)).toThrow(/n = 2.5/);
  });
});
