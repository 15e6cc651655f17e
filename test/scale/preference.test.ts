import { describe, expect, it } from "vitest";
import { checkPreferenceWeight, preferenceOptimum, preferenceScale, preferenceUtility } from "../../src/scale/preference.js";

describe("preference utility", () => {
  const acc = [50, 80, 90, 94, Number.NaN];
  const lat = [1, 2, 4, 8, 0.5];
  const scale = preferenceScale(acc, [1, 8]);
  it("scales accuracy from the median to the best and ln latency over the references", () => {
    expect(scale).toEqual({ accLo: 85, accHi: 94, logLatLo: 0, logLatHi: Math.log(8) });
    expect(preferenceUtility(8, 94, 1, scale)).toBeCloseTo(1, 12);
    expect(preferenceUtility(8, 94, 0, scale)).toBeCloseTo(-1, 12);
    expect(preferenceUtility(1, 85, 0.5, scale)).toBeCloseTo(0, 12);
  });
  it("finds the exact optimum: the most accurate at w = 1, the fastest with an accuracy at w = 0, in between on the front", () => {
    expect(preferenceOptimum(lat, acc, 1, scale).row).toBe(3);
    expect(preferenceOptimum(lat, acc, 0, scale).row).toBe(0);
    // w = 0.6: u(90 at 4 ms) = 0.6 x 5/9 - 0.4 x 2/3 = 0.067, u(94 at 8) = 0.2, u(80 at 2) = -0.467
    expect(preferenceOptimum(lat, acc, 0.6, scale)).toMatchObject({ row: 3 });
    // w = 0.3: u(90 at 4 ms) = 0.167 - 0.467 = -0.3, above u(80 at 2) = u(94 at 8) = -0.4 and u(50 at 1) = -1.17
    expect(preferenceOptimum(lat, acc, 0.3, scale).row).toBe(2);
  });
  it("rejects a weight outside [0, 1], a reference latency that cannot scale, and an accuracy with no spread", () => {
    expect(() => checkPreferenceWeight(1.2)).toThrowError(/preference weight 1.2; valid: a number in \[0, 1\]/);
    expect(() => preferenceOptimum(lat, acc, Number.NaN, scale)).toThrowError(/valid: a number in \[0, 1\]/);
    expect(() => preferenceScale(acc, [2, 2])).toThrowError(/reference latencies are all equal/);
    expect(() => preferenceScale(acc, [2, -1])).toThrowError(/reference latency 2 is -1/);
    expect(() => preferenceScale([70, 70, 70], [1, 2])).toThrowError(/best is not above its median/);
    expect(() => preferenceOptimum([1, 2], [90], 0.5, scale)).toThrowError(/2 latencies and 1 accuracies/);
  });
});
