import { describe, expect, it } from "vitest";
import { HELP_PAPER_BASELINES, HELP_PAPER_K10 } from "../../src/experiments/published.js";

const mean = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0) / Object.values(r).length;

describe("HELP's published NAS-Bench-201 table", () => {
  it("has per-device numbers whose means are the means HELP prints (a typo in a device would move them)", () => {
    const printed: Record<string, number> = { FLOPs: 0.787, "layer-wise predictor": 0.767, "BRP-NAS": 0.789, "BRP-NAS (+extra samples)": 0.805 };
    // printed to 3 decimals: within half a unit of the last digit
    for (const b of HELP_PAPER_BASELINES) expect(Math.abs(mean(b.srcc) - (printed[b.method] as number)), b.method).toBeLessThanOrEqual(0.0005 + 1e-12);
    expect(mean(HELP_PAPER_K10)).toBeCloseTo(0.932, 3);
  });
  it("names only HELP's 6 test devices", () => {
    const devices = Object.keys(HELP_PAPER_K10);
    for (const b of HELP_PAPER_BASELINES) expect(Object.keys(b.srcc).every((d) => devices.includes(d)), b.method).toBe(true);
  });
});
