import { describe, expect, it } from "vitest";
import { timeRuns } from "../../src/experiments/timing.js";

describe("timeRuns", () => {
  it("separates the cold run and takes the median of the rest", async () => {
    let calls = 0;
    const t = await timeRuns(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, calls === 1 ? 30 : 5));
    }, 4);
    expect(calls).toBe(4);
    expect(t.runs).toBe(4);
    expect(t.firstMs).toBeGreaterThan(t.medianMs);
    expect(t.minMs).toBeLessThanOrEqual(t.medianMs);
    expect(t.maxMs).toBeGreaterThanOrEqual(t.medianMs);
    await expect(timeRuns(() => 0, 1)).rejects.toThrowError(/runs 1 must be an integer >= 2/);
  });
});
