import { describe, expect, it } from "vitest";
import { closestDevices } from "../../src/stats/closest-devices.js";
import type { MonotonicityMatrix } from "../../src/stats/monotonicity-matrix.js";

const m: MonotonicityMatrix = {
  method: "spearman",
  devices: ["a", "b", "c", "d"],
  matrix: [
    [1, 0.9, 0.5, Number.NaN],
    [0.9, 1, 0.7, 0.2],
    [0.5, 0.7, 1, 0.4],
    [Number.NaN, 0.2, 0.4, 1],
  ],
  pairs: [[4, 4, 4, 0], [4, 4, 4, 4], [4, 4, 4, 4], [0, 4, 4, 4]],
};

describe("closestDevices", () => {
  it("names the closest and farthest candidate and the mean, never the device itself, NaN pairs left out", () => {
    const [a, b] = closestDevices(m, ["a", "b"], ["a", "b", "c", "d"]);
    expect(a).toEqual({ device: "a", closest: "b", closestValue: 0.9, farthest: "c", farthestValue: 0.5, mean: 0.7 });
    expect(b?.closest).toBe("a");
    expect(b?.farthest).toBe("d");
    expect(b?.mean).toBeCloseTo((0.9 + 0.7 + 0.2) / 3, 12);
  });
  it("typed errors for unknown devices and no candidate", () => {
    expect(() => closestDevices(m, ["x"], ["a"])).toThrowError(/x is not in the matrix; devices: a, b, c, d/);
    expect(() => closestDevices(m, ["a"], ["a", "d"])).toThrowError(/a has no candidate other than itself/);
  });
});
