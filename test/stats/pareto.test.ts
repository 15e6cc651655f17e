import { describe, expect, it } from "vitest";
import { paretoFront } from "../../src/stats/pareto.js";
import { seededRng } from "../../src/random.js";

describe("paretoFront", () => {
  it("keeps non-dominated points in increasing latency, duplicates together", () => {
    expect(paretoFront([1, 2, 3], [50, 40, 60])).toEqual([0, 2]);
    expect(paretoFront([1, 1, 2, 2], [50, 50, 50, 70])).toEqual([0, 1, 3]);
    expect(paretoFront([1, Number.NaN, 3], [50, 99, 40])).toEqual([0]);
    expect(paretoFront([], [])).toEqual([]);
  });
  it("no point of the front is dominated, every other point is, and row order does not matter", () => {
    const rng = seededRng(5);
    const lat = Array.from({ length: 400 }, () => Math.round(rng.next() * 50));
    const acc = Array.from({ length: 400 }, () => Math.round(rng.next() * 30));
    const front = paretoFront(lat, acc);
    const dominated = (i: number) => lat.some((_, j) => (lat[j] as number) <= (lat[i] as number) && (acc[j] as number) >= (acc[i] as number) && ((lat[j] as number) < (lat[i] as number) || (acc[j] as number) > (acc[i] as number)));
    for (const i of front) expect(dominated(i)).toBe(false);
    const onFront = new Set(front);
    for (let i = 0; i < lat.length; i++) if (!onFront.has(i)) expect(dominated(i)).toBe(true);
    const rev = paretoFront([...lat].reverse(), [...acc].reverse()).map((i) => lat.length - 1 - i);
    expect(new Set(rev)).toEqual(onFront);
  });
});
