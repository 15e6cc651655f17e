import { describe, expect, it } from "vitest";
import { bootstrapCorrelation } from "../../src/stats/bootstrap.js";
import { seededRng } from "../../src/random.js";

describe("bootstrapCorrelation", () => {
  it("bootstrap interval is seeded and brackets the estimate", () => {
    const rng = seededRng(1);
    const a = Array.from({ length: 200 }, () => rng.next());
    const b = a.map((v) => v + rng.next() * 0.5);
    const i1 = bootstrapCorrelation(a, b, "spearman", { seed: 7, resamples: 200 });
    const i2 = bootstrapCorrelation(a, b, "spearman", { seed: 7, resamples: 200 });
    expect(i1).toEqual(i2);
    expect(i1.lower).toBeLessThan(i1.value);
    expect(i1.upper).toBeGreaterThan(i1.value);
    expect(bootstrapCorrelation(a, b, "spearman", { seed: 8, resamples: 200 }).lower).not.toBe(i1.lower);
    expect(() => bootstrapCorrelation(a, b, "spearman", { level: 1 })).toThrowError(/level 1 must be in \(0, 1\)/);
  });
});
