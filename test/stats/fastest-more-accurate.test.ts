import { describe, expect, it } from "vitest";
import { fastestMoreAccurate } from "../../src/stats/fastest-more-accurate.js";

describe("fastestMoreAccurate", () => {
  it("gives each candidate the lowest log-latency of a strictly more accurate candidate", () => {
    const lat = Float64Array.of(10, 5, 20, 8, -1, 4);
    const acc = Float64Array.of(90, 80, 95, 90, 99, Number.NaN);
    const f = fastestMoreAccurate(lat, acc);
    expect(f.rows).toEqual([0, 1, 2, 3]);
    expect(f.fastestBetter[2]).toBe(Number.POSITIVE_INFINITY); // most accurate
    expect(f.fastestBetter[0]).toBeCloseTo(Math.log(20), 12); // equal accuracy (row 3) does not count
    expect(f.fastestBetter[3]).toBeCloseTo(Math.log(20), 12);
    expect(f.fastestBetter[1]).toBeCloseTo(Math.log(8), 12);
    expect(f.logLatency[1]).toBeCloseTo(Math.log(5), 12);
    // non-candidates: a latency <= 0, a NaN accuracy
    expect(f.logLatency[4]).toBeNaN();
    expect(f.fastestBetter[5]).toBeNaN();
  });
});
