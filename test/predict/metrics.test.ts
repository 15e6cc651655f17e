import { describe, expect, it } from "vitest";
import { predictionMetrics } from "../../src/predict/metrics.js";

describe("predictionMetrics", () => {
  it("rank and error metrics over rows valid on both", () => {
    const m = predictionMetrics([1, 2.5, 2.9, Number.NaN], [1, 2, 3, 4]);
    expect(m.rows).toBe(3);
    expect(m.srcc).toBe(1);
    expect(m.rmse).toBeCloseTo(Math.sqrt((0 + 0.25 + 0.01) / 3), 12);
    expect(m.within10).toBe(2 / 3); // 1 vs 1 and 2.9 vs 3 are within 10 %; 2.5 vs 2 (25 %) is not
  });
});
