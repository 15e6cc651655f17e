import { describe, expect, it } from "vitest";
import { paretoBand } from "../../src/stats/pareto-band.js";
import { paretoFront } from "../../src/stats/pareto.js";
import { seededRng } from "../../src/random.js";

describe("paretoBand", () => {
  const rng = seededRng(11);
  const lat = Array.from({ length: 2000 }, () => Math.exp(rng.next() * 3));
  const acc = lat.map((l) => 40 + 10 * Math.log(l) + 8 * rng.next());
  it("at a budget of the front's size it is the Pareto front", () => {
    const front = [...paretoFront(lat, acc)].sort((a, b) => a - b);
    const band = paretoBand(lat, acc, front.length);
    expect(band.margin).toBe(0);
    expect(band.rows).toEqual(front);
  });
  it("below the front's size, keeps the budget: the included rows plus front rows spread over latency, fastest and most accurate kept", () => {
    const front = [...paretoFront(lat, acc)].sort((a, b) => (lat[a] as number) - (lat[b] as number));
    expect(front.length).toBeGreaterThan(6);
    const band = paretoBand(lat, acc, 5, { include: [3] });
    expect(band.margin).toBe(0);
    expect(band.rows).toHaveLength(5);
    expect(band.rows).toContain(3);
    expect(band.rows).toContain(front[0]);
    expect(band.rows).toContain(front[front.length - 1]);
    for (const r of band.rows) if (r !== 3) expect(front).toContain(r);
    expect(paretoBand(lat, acc, 1).rows).toEqual([front[0]]);
    expect(paretoBand(lat, acc, 2, { include: [7, 9] }).rows).toEqual([7, 9]);
  });
  it("fits the budget, grows with it (nested), and keeps the included rows", () => {
    let prev: number[] = [];
    for (const n of [150, 250, 400, 600]) {
      const b = paretoBand(lat, acc, n, { include: [0, 1] });
      expect(b.rows.length).toBeLessThanOrEqual(n);
      expect(b.rows.length).toBeGreaterThan(n * 0.9);
      expect(b.rows).toContain(0);
      expect(b.rows).toContain(1);
      for (const r of prev) if (r > 1) expect(b.rows).toContain(r);
      prev = b.rows;
    }
  });
  it("every row of the band is within a factor e^m of a row at least as accurate on the front side; rows outside are not", () => {
    const b = paretoBand(lat, acc, 150);
    const inBand = new Set(b.rows);
    for (let r = 0; r < lat.length; r++) {
      const surely = lat.some((l, s) => (acc[s] as number) >= (acc[r] as number) && Math.log(l) + b.margin < Math.log(lat[r] as number));
      expect(inBand.has(r)).toBe(!surely);
    }
  });
  it("skips NaN and non-positive latencies; rejects bad budgets", () => {
    expect(paretoBand([1, Number.NaN, 0, 2], [50, 99, 99, 60], 5).rows).toEqual([0, 3]);
    expect(() => paretoBand([1], [1], 0)).toThrowError(/maxRows 0/);
    expect(() => paretoBand([1], [1], 3, { include: [4] })).toThrowError(/row 4 is not in 0..0/);
  });
});
