import { describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { seededRng } from "../../src/random.js";
import { greedyReferences } from "../../src/scale/greedy-references.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";

const ARCHS = nb201Enumerate().slice(0, 200).map(nb201Format);

/** log latency = arch cost + s_d * u_r + t_d * v_r + device speed: two directions of device variation. */
function twoFactorTable(weights: readonly (readonly [number, number])[], nanRow?: number): LatencyTable {
  const rng = seededRng(3);
  const cost = ARCHS.map(() => rng.next());
  const u = ARCHS.map(() => rng.next() - 0.5);
  const v = ARCHS.map(() => rng.next() - 0.5);
  return LatencyTable.create({
    space: "nb201",
    archs: ARCHS,
    devices: weights.map(([s, t], d) => ({
      info: { name: `d${d}`, source: "test" },
      values: ARCHS.map((_, r) => (r === nanRow && d === 0 ? Number.NaN : Math.exp((cost[r] as number) + s * (u[r] as number) + t * (v[r] as number) + d))),
    })),
    source: "two-factor",
  });
}

const POOL_WEIGHTS: readonly (readonly [number, number])[] = [[1, 0], [0, 1], [1, 1], [2, -1], [-1, 0.5]];
const POOL = POOL_WEIGHTS.map((_, d) => `d${d}`);

describe("greedyReferences", () => {
  it("keeps all of a two-direction pool's variation with two references, then starts a new round", () => {
    const g = greedyReferences(twoFactorTable(POOL_WEIGHTS), POOL, 4);
    expect(g.rows).toHaveLength(4);
    expect(new Set(g.rows).size).toBe(4);
    expect(g.kept[0]).toBeGreaterThan(0.3);
    expect(g.kept[0]).toBeLessThan(0.999);
    expect(g.kept[1]).toBeGreaterThan(1 - 1e-9);
    expect(g.kept[2]).toBeLessThan(0.999);
    expect(g.kept[3]).toBeGreaterThan(1 - 1e-9);
  });
  it("picks the references whose latencies predict an unseen device's exactly (linear in the pool's directions)", () => {
    const table = twoFactorTable([...POOL_WEIGHTS, [0.3, -2]]);
    const [a, b] = greedyReferences(table, POOL, 2).rows as [number, number];
    // Fit each architecture's centred log latency on the pool as w_a * ref a + w_b * ref b, then predict the unseen d5.
    const logs = [...POOL, "d5"].map((d) => Array.from(table.latency(d), Math.log));
    const centred = logs.map((col) => col.map((x) => x - col.reduce((s, y) => s + y, 0) / col.length));
    const archMean = (r: number) => POOL.reduce((s, _, d) => s + (centred[d]?.[r] as number), 0) / POOL.length;
    const x = (d: number, r: number) => (centred[d]?.[r] as number) - archMean(r);
    let worst = 0;
    for (let r = 0; r < ARCHS.length; r++) {
      // least squares over the pool's devices for [w_a, w_b]
      let saa = 0, sab = 0, sbb = 0, sya = 0, syb = 0;
      for (let d = 0; d < POOL.length; d++) {
        saa += x(d, a) ** 2; sab += x(d, a) * x(d, b); sbb += x(d, b) ** 2; sya += x(d, r) * x(d, a); syb += x(d, r) * x(d, b);
      }
      const det = saa * sbb - sab * sab;
      const wa = (sya * sbb - syb * sab) / det;
      const wb = (syb * saa - sya * sab) / det;
      worst = Math.max(worst, Math.abs(wa * x(5, a) + wb * x(5, b) - x(5, r)));
    }
    expect(worst).toBeLessThan(1e-9);
  });
  it("never picks a row missing on a pool device, is deterministic and leaves the table as it was", () => {
    const first = greedyReferences(twoFactorTable(POOL_WEIGHTS), POOL, 1).rows[0] as number;
    const table = twoFactorTable(POOL_WEIGHTS, first);
    const before = Array.from(table.latency("d0"));
    const g = greedyReferences(table, POOL, 5);
    expect(g.rows).not.toContain(first);
    expect(greedyReferences(table, POOL, 5)).toEqual(g);
    expect(Array.from(table.latency("d0"))).toEqual(before);
  });
  it("rejects a pool of one device, a bad count, more references than candidate rows, and a pool that ranks alike", () => {
    const table = twoFactorTable(POOL_WEIGHTS);
    expect(() => greedyReferences(table, ["d0"], 3)).toThrowError(/pool has 1 device\(s\); valid: at least 2/);
    expect(() => greedyReferences(table, POOL, 0)).toThrowError(/count 0; valid: an integer >= 1/);
    expect(() => greedyReferences(table, POOL, 201)).toThrowError(/200 rows have a latency on every pool device .*asked for 201/);
    const alike = twoFactorTable([[1, 1], [1, 1]]);
    expect(() => greedyReferences(alike, ["d0", "d1"], 2)).toThrowError(/rank every candidate alike/);
  });
});
