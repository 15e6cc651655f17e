import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadReferenceArchitectures } from "../../src/data/load-help.js";
import { loadTable } from "../../src/data/load.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { InvalidArgumentError, InvalidDataError } from "../../src/errors.js";
import { OFA_ACCURACY_RESOLUTIONS } from "../../src/predict/ofa-accuracy-predictor.js";
import { ofaArchitectureOptimizer, type OfaOptimizerSetup } from "../../src/scale/ofa-optimizer-cache.js";
import { ofaParse } from "../../src/spaces/ofa.js";
import { mirrorDir } from "../helpers/mirror.js";

let table: LatencyTable;
let setup: OfaOptimizerSetup;
let refMs: number[];

beforeAll(async () => {
  const mirror = mirrorDir();
  table = await loadTable("help-ofa", { mirror });
  const references = await loadReferenceArchitectures("help-ofa", { mirror });
  refMs = references.map((r) => table.latency("titan_xp_64")[r] as number);
  setup = { pool: ["2080ti_1", "v100_32"], validation: ["titan_rtx_1"], references, mixtures: 2, seed: 3, mirror, model: { epochs: 3, hidden: [32] }, network: { evaluations: 120, budgetsPerDevice: 8, hidden: [32], epochs: 3 }, modelDir: mkdtempSync(path.join(os.tmpdir(), "pnb-ofa-cache-")) };
}, 60_000);

describe("ofaArchitectureOptimizer", () => {
  it("trains once and reloads from the cache to identical answers, at OFA's accuracy predictor's resolutions by default", async () => {
    const messages: string[] = [];
    const first = await ofaArchitectureOptimizer(table, { ...setup, onProgress: (m) => messages.push(m) });
    expect(messages.some((m) => /OFA optimizer trained .* 4 devices/.test(m))).toBe(true);
    const files = readdirSync(setup.modelDir as string);
    expect(files.filter((f) => f.startsWith("ofa-optimizer-help-ofa-"))).toHaveLength(1);
    const again: string[] = [];
    const second = await ofaArchitectureOptimizer(table, { ...setup, onProgress: (m) => again.push(m) });
    expect(again.some((m) => m.startsWith("OFA optimizer loaded from"))).toBe(true);
    const a = first.answer(refMs, 30);
    expect(second.answer(refMs, 30)).toEqual(a);
    for (const c of a.answers) expect(OFA_ACCURACY_RESOLUTIONS).toContain(ofaParse(c.arch).r);
    // another seed is another file
    await ofaArchitectureOptimizer(table, { ...setup, seed: 4 });
    expect(readdirSync(setup.modelDir as string).filter((f) => f.startsWith("ofa-optimizer-help-ofa-"))).toHaveLength(2);
  }, 240_000);

  it("typed errors: a table of another space, a pool of one device, an unreadable cache file (named)", async () => {
    const nb = await loadTable("help-nb201", { mirror: mirrorDir() });
    await expect(ofaArchitectureOptimizer(nb, setup)).rejects.toThrow(InvalidArgumentError);
    await expect(ofaArchitectureOptimizer(nb, setup)).rejects.toThrow(/nb201 table/);
    await expect(ofaArchitectureOptimizer(table, { ...setup, pool: ["2080ti_1"] })).rejects.toThrow(/at least 2/);
    const dir = setup.modelDir as string;
    for (const f of readdirSync(dir).filter((f) => f.startsWith("ofa-optimizer-help-ofa-"))) writeFileSync(path.join(dir, f), "{ not json");
    await expect(ofaArchitectureOptimizer(table, setup)).rejects.toThrow(InvalidDataError);
    await expect(ofaArchitectureOptimizer(table, setup)).rejects.toThrow(/ofa-optimizer-help-ofa-[0-9a-f]{16}\.json: not a readable OFA optimizer file/);
  }, 120_000);
});
