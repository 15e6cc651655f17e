import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dissimilarBars, nasflatN0Bars, scaleBars } from "../../src/experiments/bars.js";
import { DISSIMILAR_METHODS, DISSIMILAR_SPLITS, loadJoinedNb201, runDissimilarProtocol, runScaleProtocol, SCALE_SPLITS, summariseScale, type ScaleSummary } from "../../src/experiments/scale-protocol.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("runScaleProtocol", () => {
  it("runs every test device in both settings with each method on the same rows, deterministically", async () => {
    const options = { seeds: 1, mirror: mirrorDir(), modelCache: mkdtempSync(path.join(os.tmpdir(), "pnb-models-")), training: { epochs: 2, hidden: [16], members: 1 } };
    const { runs, training } = await runScaleProtocol(SCALE_SPLITS.help, options);
    expect(training).toHaveLength(1);
    expect(runs).toHaveLength(6 * (4 + 3));
    expect(new Set(runs.map((r) => `${r.setting}:${r.k}`))).toEqual(new Set(["references:10", "references+random:20"]));
    expect(runs.every((r) => r.srcc > 0 && r.srcc <= 1)).toBe(true);
    const again = await runScaleProtocol(SCALE_SPLITS.help, { ...options, modelCache: false });
    expect(again.runs).toEqual(runs);
    const s = summariseScale([...runs, ...runs.map((r) => ({ ...r, seed: 1, srcc: r.srcc / 2 }))]);
    const one = s.find((x) => x.target === "pixel2" && x.method === "device-aware" && x.setting === "references") as ScaleSummary;
    const src = runs.find((r) => r.target === "pixel2" && r.method === "device-aware" && r.setting === "references");
    expect(one.seeds).toBe(2);
    expect(one.srcc).toBeCloseTo(((src?.srcc as number) * 3) / 4, 12);
  }, 240_000);
  it("keeps the test devices out of the pool and of the validation devices, on devices of each split's dataset", async () => {
    const { loadTable } = await import("../../src/data/load.js");
    for (const { dataset, pool, validation, targets } of Object.values(SCALE_SPLITS)) {
      expect(targets.filter((t) => pool.includes(t) || validation.includes(t))).toEqual([]);
      expect(pool.filter((d) => validation.includes(d))).toEqual([]);
      const t = await loadTable(dataset, { mirror: mirrorDir() });
      for (const d of [...pool, ...validation, ...targets]) expect(t.hasDevice(d), `${dataset}: ${d}`).toBe(true);
    }
  });
});

describe("scaleBars", () => {
  const at = (srcc: Record<string, number>): ScaleSummary[] => Object.entries(srcc).map(([target, v]) => ({ target, setting: "references", references: "help", k: 10, method: "device-aware", seeds: 10, srcc: v }));
  it("meets the bars only with a mean >= 0.97 and every device at or above HELP's number", () => {
    const good = at({ titan_rtx_256: 0.99, gold_6226: 0.99, fpga: 0.99, pixel2: 0.93, raspi4: 0.95, eyeriss: 0.98 });
    expect(scaleBars(good).every((l) => l.endsWith("-> met"))).toBe(true);
    const low = scaleBars(at({ titan_rtx_256: 0.99, gold_6226: 0.985, fpga: 0.99, pixel2: 0.9, raspi4: 0.95, eyeriss: 0.98 }));
    expect(low[1]).toMatch(/5\/6 -> missed \(gold_6226 0\.985 < 0\.989\)/);
    expect(low[0]).toMatch(/HELP's 10 references, .*0\.966 -> missed/);
  });
  it("judges each reference set apart", () => {
    const help = at({ titan_rtx_256: 0.99, gold_6226: 0.985, fpga: 0.99, pixel2: 0.9, raspi4: 0.95, eyeriss: 0.98 });
    const ours = at({ titan_rtx_256: 0.99, gold_6226: 0.99, fpga: 0.99, pixel2: 0.93, raspi4: 0.95, eyeriss: 0.98 }).map((x) => ({ ...x, references: "greedy" as const }));
    const lines = scaleBars([...help, ...ours]);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/HELP's 10 references, device-aware mean .*: 0\.966 -> missed$/);
    expect(lines[1]).toMatch(/HELP's 10 references, every test device .*missed \(gold_6226 0\.985 < 0\.989\)$/);
    expect(lines[2]).toMatch(/our 10 greedy references, device-aware mean .*-> met$/);
    expect(lines[3]).toMatch(/our 10 greedy references, every test device .*6\/6 -> met$/);
  });
});

describe("nasflatN0Bars", () => {
  const at = (srcc: number, references: ScaleSummary["references"]): ScaleSummary[] =>
    ["titan_rtx_256", "gold_6226", "fpga", "pixel2", "raspi4", "eyeriss"].map((target) => ({ target, setting: "references+random", references, k: 20, method: "device-aware", seeds: 10, srcc }));
  it("judges the references + random setting's mean against NASFLAT's N0, per reference set, and nothing else", () => {
    const lines = nasflatN0Bars([...at(0.96, "help"), ...at(0.958, "greedy"), ...at(0.5, "help").map((x) => ({ ...x, setting: "references" as const })), ...at(0.5, "help").map((x) => ({ ...x, method: "operation-counts" as const }))]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/HELP's 10 references \+ 10 random\), device-aware mean over the 6 test devices >= NASFLAT's 0\.959: 0\.96 -> met$/);
    expect(lines[1]).toMatch(/our 10 greedy references \+ 10 random.*: 0\.958 -> missed$/);
    expect(nasflatN0Bars([])).toEqual([]);
  });
});

describe("the dissimilar-pool splits", () => {
  it("name devices of the joined table only, with no target in its pool and no pool device ranking like a target at 0.9 or more on NASFLAT's splits N1..N4", async () => {
    const joined = await loadJoinedNb201({ mirror: mirrorDir() });
    expect(joined.rows).toBe(1999);
    for (const sp of DISSIMILAR_SPLITS) {
      for (const d of [...sp.pool, ...sp.targets]) expect(joined.hasDevice(d), `${sp.name}: ${d}`).toBe(true);
      expect(sp.targets.filter((t) => sp.pool.includes(t))).toEqual([]);
    }
    const { spearman } = await import("../../src/stats/correlation.js");
    for (const sp of DISSIMILAR_SPLITS.filter((x) => ["N1", "N2", "N4"].includes(x.name))) {
      for (const t of sp.targets) {
        const best = Math.max(...sp.pool.map((p) => spearman(joined.latency(p), joined.latency(t)).value));
        expect(best, `${sp.name}: ${t}`).toBeLessThan(0.9);
      }
    }
  });
  it("runs the four methods on the same samples per split, target, K and seed; the synthetic devices change the device-aware model", async () => {
    const split = DISSIMILAR_SPLITS.find((x) => x.name === "N1");
    const runs = await runDissimilarProtocol({ seeds: 1, mirror: mirrorDir(), modelCache: false, splits: split ? [split] : [], ks: [10], training: { epochs: 2, hidden: [16], synthetic: { count: 4, rowsPerDevice: 50 } } });
    expect(runs).toHaveLength(5 * 4);
    expect(new Set(runs.map((r) => r.method))).toEqual(new Set(DISSIMILAR_METHODS));
    expect(runs.every((r) => r.rows === 1740 && r.k === 10 && r.srcc > 0)).toBe(true);
    const of = (m: string) => runs.filter((r) => r.method === m).map((r) => r.srcc);
    expect(of("device-aware + operator-cost devices")).not.toEqual(of("device-aware"));
  }, 120_000);
  it("bars: NASFLAT's number per rebuilt split, the mean and the lowest split", () => {
    const lines = dissimilarBars("m", { N1: 0.97, N2: 0.86, mine: 0.84 });
    expect(lines[0]).toMatch(/2\/2 -> met/);
    expect(lines[1]).toMatch(/mean over the 3 splits >= 0\.92: 0\.89 -> missed/);
    expect(lines[2]).toMatch(/min 0\.84 -> missed/);
    expect(dissimilarBars("m", { N1: 0.96 })[0]).toMatch(/missed \(N1 0\.96 < 0\.967\)/);
  });
});
