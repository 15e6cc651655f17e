import { describe, expect, it } from "vitest";
import { nonDominatedLayers, paretoLayers } from "../../src/stats/non-dominated-sort.js";
import { paretoFront } from "../../src/stats/pareto.js";
import { seededRng } from "../../src/random.js";

/** Layers by repeated peeling with the O(n^2) definition of dominance. */
function bruteLayers(lat: number[], acc: number[]): number[] {
  const layer: number[] = lat.map((l, i) => (Number.isNaN(l) || Number.isNaN(acc[i] as number) ? -1 : -2));
  const dom = (j: number, i: number) => (lat[j] as number) <= (lat[i] as number) && (acc[j] as number) >= (acc[i] as number) && ((lat[j] as number) < (lat[i] as number) || (acc[j] as number) > (acc[i] as number));
  for (let k = 0; layer.includes(-2); k++) {
    const left = layer.map((v, i) => (v === -2 ? i : -1)).filter((i) => i >= 0);
    const now = left.filter((i) => !left.some((j) => dom(j, i)));
    for (const i of now) layer[i] = k;
  }
  return layer;
}

describe("nonDominatedLayers", () => {
  it("hand-made case with ties and a NaN", () => {
    expect([...nonDominatedLayers([1, 2, 3, 2], [50, 40, 60, 60])]).toEqual([0, 1, 1, 0]);
    expect([...nonDominatedLayers([1, 1, 1, Number.NaN], [5, 5, 4, 9])]).toEqual([0, 0, 1, -1]);
    expect([...nonDominatedLayers([], [])]).toEqual([]);
    expect(() => nonDominatedLayers([1], [])).toThrowError(/1 latencies and 0 accuracies/);
  });
  it("equals brute-force peeling on data full of ties, and layer 0 is paretoFront", () => {
    for (const seed of [1, 2, 3]) {
      const rng = seededRng(seed);
      const lat = Array.from({ length: 300 }, () => (rng.next() < 0.02 ? Number.NaN : Math.round(rng.next() * 20)));
      const acc = Array.from({ length: 300 }, () => Math.round(rng.next() * 15));
      const got = [...nonDominatedLayers(lat, acc)];
      expect(got).toEqual(bruteLayers(lat, acc));
      expect(got.map((l, i) => (l === 0 ? i : -1)).filter((i) => i >= 0)).toEqual([...paretoFront(lat, acc)].sort((a, b) => a - b));
    }
  });
  it("does not depend on row order", () => {
    const rng = seededRng(9);
    const lat = Array.from({ length: 200 }, () => Math.round(rng.next() * 10));
    const acc = Array.from({ length: 200 }, () => Math.round(rng.next() * 10));
    const a = nonDominatedLayers(lat, acc);
    const b = nonDominatedLayers([...lat].reverse(), [...acc].reverse());
    for (let i = 0; i < 200; i++) expect(b[199 - i]).toBe(a[i]);
  });
});

describe("paretoLayers", () => {
  it("takes whole layers up to the row budget, the front always", () => {
    const lat = [1, 2, 3, 2, 4];
    const acc = [50, 40, 60, 60, 10];
    expect(paretoLayers(lat, acc)).toEqual([[0, 3], [1, 2], [4]]);
    expect(paretoLayers(lat, acc, 4)).toEqual([[0, 3], [1, 2]]);
    expect(paretoLayers(lat, acc, 3)).toEqual([[0, 3]]);
    expect(paretoLayers(lat, acc, 1)).toEqual([[0, 3]]);
  });
});
