import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load.js";
import { PREFERENCE_WEIGHTS, runPreferenceProtocol, summarisePreference } from "../../src/experiments/preference-protocol.js";
import { preferenceOptimum, preferenceScale, preferenceUtility } from "../../src/scale/preference.js";
import { referenceRows } from "../../src/scale/references.js";
import { mirrorDir } from "../helpers/mirror.js";
import { TINY_OPTIMIZER, TINY_SPLIT } from "../helpers/optimize-runs.js";

const split = TINY_SPLIT;
const optimizer = TINY_OPTIMIZER;

describe("runPreferenceProtocol", () => {
  it("scores every answer against the exact optimum under the true latency, for both methods and every weight, deterministically", async () => {
    const mirror = mirrorDir();
    const table = (await loadTable("help-nb201", { mirror })).join(await loadTable("nb201-accuracy", { mirror }));
    const options = { seeds: 1, table, mirror, optimizer, modelCache: mkdtempSync(path.join(os.tmpdir(), "pnb-pref-")) };
    const runs = await runPreferenceProtocol(split, options);
    expect(runs).toHaveLength(2 * PREFERENCE_WEIGHTS.length * 2);
    const acc = table.accuracy("cifar10");
    const refs = (await referenceRows(table, { pool: split.pool, mirror })).rows;
    for (const r of runs) {
      const lat = table.latency(r.target);
      const scale = preferenceScale(acc, refs.map((q) => lat[q] as number));
      const best = preferenceOptimum(lat, acc, r.weight, scale);
      expect(r.regret).toBeCloseTo(Math.max(0, best.utility - preferenceUtility(lat[r.row] as number, acc[r.row] as number, r.weight, scale)), 12);
      expect(r.regret).toBeGreaterThanOrEqual(0);
    }
    expect((await runPreferenceProtocol(split, options)).map((r) => r.row)).toEqual(runs.map((r) => r.row));
    const s = summarisePreference(runs);
    const all = s.find((x) => x.method === "optimizer" && Number.isNaN(x.weight));
    expect(all?.answers).toBe(2 * PREFERENCE_WEIGHTS.length);
    expect(all?.regret).toBeCloseTo(runs.filter((r) => r.method === "optimizer").reduce((a, r) => a + r.regret, 0) / 18, 12);
  }, 300_000);
});
