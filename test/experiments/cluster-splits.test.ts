import { beforeAll, describe, expect, it } from "vitest";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { clusterSplits } from "../../src/experiments/cluster-splits.js";
import { loadJoinedNb201 } from "../../src/experiments/scale-protocol.js";
import { spearman } from "../../src/stats/correlation.js";
import { mirrorDir } from "../helpers/mirror.js";

let joined: LatencyTable;
beforeAll(async () => {
  joined = await loadJoinedNb201({ mirror: mirrorDir() });
});

describe("clusterSplits", () => {
  it("cuts the joined table into pools and targets that rank less alike across than within, with no device on both sides", () => {
    const splits = clusterSplits(joined);
    expect(splits.length).toBeGreaterThanOrEqual(4);
    expect(new Set(splits.map((s) => s.name)).size).toBe(splits.length);
    const mean = (xs: readonly string[], ys: readonly string[]) => {
      const v = xs.flatMap((x) => ys.filter((y) => y !== x).map((y) => spearman(joined.latency(x), joined.latency(y)).value));
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    for (const s of splits) {
      expect(s.pool.filter((d) => s.targets.includes(d)), s.name).toEqual([]);
      expect(s.pool.length).toBeGreaterThanOrEqual(2);
      expect(mean(s.pool, s.targets), s.name).toBeLessThan(mean(s.pool, s.pool));
    }
    // the same hardware from two sources never sits on both sides
    for (const s of splits) for (const [x, y] of [["rice_fpga", "fpga"], ["rice_pixel3", "pixel3"], ["rice_eyeriss", "eyeriss"]] as const) {
      expect(s.pool.includes(x) && s.targets.includes(y), `${s.name}: ${x}/${y}`).toBe(false);
    }
    expect(clusterSplits(joined)).toEqual(splits);
    expect(() => clusterSplits(joined, [1])).toThrowError(/cut 1; valid: an integer in 2\.\./);
  });
});
