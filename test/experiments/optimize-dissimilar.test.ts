import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runDissimilarOptimize } from "../../src/experiments/optimize-dissimilar.js";
import { DISSIMILAR_SPLITS, loadJoinedNb201 } from "../../src/experiments/scale-protocol.js";
import { loadTable } from "../../src/data/load.js";
import { expectRegretAgainstOptimum } from "../helpers/optimize-runs.js";
import { mirrorDir } from "../helpers/mirror.js";

const optimizer = { model: { epochs: 2, hidden: [16] }, network: { epochs: 3, hidden: [16] }, synthetic: 4 };

describe("runDissimilarOptimize", () => {
  it("answers each split's targets at 9 budgets on the rows every split device has, regret against the exact optimum there, with the methods asked for", async () => {
    const mirror = mirrorDir();
    const n1 = DISSIMILAR_SPLITS.find((s) => s.name === "N1");
    if (!n1) throw new Error("split N1 missing");
    const split = { ...n1, targets: n1.targets.slice(0, 2) };
    const modelCache = mkdtempSync(path.join(os.tmpdir(), "pnb-dopt-"));
    const { runs, training, tables } = await runDissimilarOptimize({ seeds: 1, splits: [split], mirror, optimizer, modelCache, methods: ["optimizer", "exhaustive on predictions", "optimizer, device-aware check"] });
    const joined = await loadJoinedNb201({ mirror });
    const devices = [...split.pool, ...split.targets];
    const kept = Array.from({ length: joined.rows }, (_, r) => r).filter((r) => devices.every((d) => !Number.isNaN(joined.latency(d)[r] as number)));
    expect(kept.length).toBeLessThan(joined.rows); // some device misses rows, so the filter is exercised
    expect(Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, t.rows]))).toEqual({ N1: kept.length });
    expect(Array.from(tables["N1"]?.latency("pixel3") ?? [])).toEqual(kept.map((r) => joined.latency("pixel3")[r]));
    expect(training.map((t) => t.synthetic)).toEqual([4]);
    expect(runs).toHaveLength(3 * 2 * 9);
    expect(new Set(runs.map((r) => r.split))).toEqual(new Set(["N1"]));
    expect(new Set(runs.map((r) => r.method))).toEqual(new Set(["optimizer", "exhaustive on predictions", "optimizer, device-aware check"]));
    const table = joined.selectRows(kept).join(await loadTable("nb201-accuracy", { mirror }));
    expectRegretAgainstOptimum(runs, table);
  }, 240_000);
});
