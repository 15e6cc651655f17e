import { describe, expect, it } from "vitest";
import { zscore } from "../../src/stats/zscore.js";

describe("zscore", () => {
  it("centres and scales by the population sd; a constant sample becomes zeros", () => {
    const z = zscore([1, 2, 3]);
    expect(z[1]).toBe(0);
    expect(z[2]).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(Array.from(zscore([4, 4, 4]))).toEqual([0, 0, 0]);
  });
});
