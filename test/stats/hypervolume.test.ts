import { describe, expect, it } from "vitest";
import { hypervolume } from "../../src/stats/hypervolume.js";
import { seededRng } from "../../src/random.js";

describe("hypervolume", () => {
  it("hand-made fronts", () => {
    const ref = { latency: 3, accuracy: 0 };
    expect(hypervolume([1, 2], [2, 3], ref)).toBe(5); // 2*2 + 1*1
    expect(hypervolume([1], [2], ref)).toBe(4);
    // a dominated point and a point beyond the reference add nothing
    expect(hypervolume([1, 2, 2, 5], [2, 3, 1, 9], ref)).toBe(5);
    // duplicates count once
    expect(hypervolume([1, 1, 2], [2, 2, 3], ref)).toBe(5);
    expect(hypervolume([1, 2], [2, 3], ref, [1])).toBe(3);
    expect(hypervolume([], [], ref)).toBe(0);
    expect(() => hypervolume([1], [1], { latency: Number.NaN, accuracy: 0 })).toThrowError(/must be finite/);
  });
  it("equals a grid count on random integer points, whatever the row order", () => {
    const rng = seededRng(4);
    const lat = Array.from({ length: 60 }, () => rng.int(20));
    const acc = Array.from({ length: 60 }, () => rng.int(20));
    const ref = { latency: 20, accuracy: 0 };
    let cells = 0;
    for (let x = 0; x < 20; x++) for (let y = 0; y < 20; y++) if (lat.some((l, i) => l <= x && (acc[i] as number) >= y + 1)) cells++;
    expect(hypervolume(lat, acc, ref)).toBe(cells);
    expect(hypervolume([...lat].reverse(), [...acc].reverse(), ref)).toBe(cells);
  });
});
