import { describe, expect, it } from "vitest";
import { dissimilarTable } from "../../src/experiments/dissimilar-table.js";
import type { DissimilarRun } from "../../src/experiments/scale-protocol.js";

const run = (split: string, target: string, k: number, method: DissimilarRun["method"], seed: number, srcc: number): DissimilarRun => ({ split, rows: 1740, target, k, method, seed, srcc });

describe("dissimilarTable", () => {
  it("averages each method over targets and seeds at one K, keeps the method order, and shows NASFLAT's numbers at K = 20 only", () => {
    const runs = [
      run("N1", "1080ti_1", 20, "proxy-ensemble-bagged", 0, 0.9),
      run("N1", "titanxp_1", 20, "proxy-ensemble-bagged", 0, 0.8),
      run("N1", "1080ti_1", 20, "device-aware", 0, 0.7),
      run("N1", "1080ti_1", 20, "device-aware", 1, 0.5),
      run("N1", "1080ti_1", 10, "device-aware", 0, 0.1),
    ];
    const t = dissimilarTable(runs, { label: (d) => d.toUpperCase() });
    expect(t.columns).toEqual(["split", "pool", "targets", "device-aware", "proxy-ensemble-bagged", "NASFLAT (published)", "HELP (published)"]);
    expect(t.rows).toHaveLength(1);
    const row = t.rows[0] as readonly (string | number)[];
    expect(row[0]).toBe("N1");
    expect(String(row[2])).toMatch(/^1080TI_1, /);
    expect(row[3]).toBe(0.6);
    expect(row[4]).toBe(0.85);
    expect(row[5]).toBe(0.967);
    const at10 = dissimilarTable(runs, { k: 10 });
    expect(at10.rows[0]?.[3]).toBe(0.1);
    expect(at10.rows[0]?.[5]).toBe("");
  });
});
