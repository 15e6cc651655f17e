import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load.js";
import { runMetaD2AComparison, summariseMetaD2A } from "../../src/experiments/metad2a-comparison.js";
import { HELP_METAD2A_TABLE4, HELP_METAD2A_VIOLATIONS } from "../../src/experiments/published.js";
import { mirrorDir } from "../helpers/mirror.js";
import { TINY_OPTIMIZER } from "../helpers/optimize-runs.js";

describe("HELP + MetaD2A's Table 4 against the optimizer", () => {
  it("each published answer is an architecture of the table with that latency and CIFAR-100 accuracy; 5 of 15 over their constraint", async () => {
    const mirror = mirrorDir();
    const table = (await loadTable("help-nb201", { mirror })).join(await loadTable("nb201-accuracy", { mirror }));
    const acc = table.accuracy("cifar100");
    for (const a of HELP_METAD2A_TABLE4) {
      const lat = table.latency(a.device);
      const hits = Array.from({ length: table.rows }, (_, r) => r).filter((r) => Math.abs((lat[r] as number) - a.latencyMs) < 0.05 && Math.abs((acc[r] as number) - a.accuracy) < 0.05);
      expect(hits.length, `${a.device} ${a.constraintMs} ms`).toBeGreaterThan(0);
    }
    expect(HELP_METAD2A_VIOLATIONS).toEqual({ violated: 5, constraints: 15 });
  });
  it("answers the 15 constraints per seed, judged on the true latency against the exact optimum, deterministically", async () => {
    const mirror = mirrorDir();
    const latencyTable = await loadTable("help-nb201", { mirror });
    const table = latencyTable.join(await loadTable("nb201-accuracy", { mirror }));
    const options = { seeds: 1, table, latencyTable, mirror, optimizer: TINY_OPTIMIZER, modelCache: mkdtempSync(path.join(os.tmpdir(), "pnb-metad2a-")) };
    const runs = await runMetaD2AComparison(options);
    expect(runs).toHaveLength(15);
    const acc = table.accuracy("cifar100");
    for (const r of runs) {
      const lat = table.latency(r.device);
      expect(r.latencyMs).toBe(lat[r.row]);
      expect(r.accuracy).toBe(acc[r.row]);
      expect(r.arch).toBe(table.archAt(r.row));
      expect(r.over).toBe((lat[r.row] as number) > r.constraintMs);
      // the optimum is the best row within the constraint: no answer within it beats it
      let best = -Infinity;
      for (let q = 0; q < table.rows; q++) if ((lat[q] as number) <= r.constraintMs) best = Math.max(best, acc[q] as number);
      expect(r.optimumAccuracy).toBe(best);
    }
    const rows = summariseMetaD2A(runs);
    expect(rows).toHaveLength(15);
    expect(rows.every((x) => x.seeds === 1 && x.over === (runs.find((r) => r.device === x.published.device && r.constraintMs === x.published.constraintMs)?.over ? 1 : 0))).toBe(true);
    expect(await runMetaD2AComparison({ ...options, modelCache: false })).toEqual(runs);
  }, 240_000);
});
