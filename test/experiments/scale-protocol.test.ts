import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scaleBars } from "../../src/experiments/bars.js";
import { runScaleProtocol, SCALE_SPLITS, summariseScale, type ScaleSummary } from "../../src/experiments/scale-protocol.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("runScaleProtocol", () => {
  it("runs every test device in both settings with the three methods on the same rows, deterministically", async () => {
    const options = { seeds: 1, mirror: mirrorDir(), modelCache: mkdtempSync(path.join(os.tmpdir(), "pnb-models-")), training: { epochs: 2, hidden: [16], members: 1 } };
    const { runs, training } = await runScaleProtocol(SCALE_SPLITS.help, options);
    expect(training).toHaveLength(1);
    expect(runs).toHaveLength(6 * (3 + 2));
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
  it("keeps the test devices out of the pool and of the validation devices", () => {
    const { pool, validation, targets } = SCALE_SPLITS.help;
    expect(targets.filter((t) => pool.includes(t) || validation.includes(t))).toEqual([]);
    expect(pool.filter((d) => validation.includes(d))).toEqual([]);
  });
});

describe("scaleBars", () => {
  const at = (srcc: Record<string, number>): ScaleSummary[] => Object.entries(srcc).map(([target, v]) => ({ target, setting: "references", k: 10, method: "device-aware", seeds: 10, srcc: v }));
  it("meets the bars only with a mean >= 0.97 and every device at or above HELP's number", () => {
    const good = at({ titan_rtx_256: 0.99, gold_6226: 0.99, fpga: 0.99, pixel2: 0.93, raspi4: 0.95, eyeriss: 0.98 });
    expect(scaleBars(good).every((l) => l.endsWith("-> met"))).toBe(true);
    const low = scaleBars(at({ titan_rtx_256: 0.99, gold_6226: 0.985, fpga: 0.99, pixel2: 0.9, raspi4: 0.95, eyeriss: 0.98 }));
    expect(low[1]).toMatch(/5\/6 -> missed \(gold_6226 0\.985 < 0\.989\)/);
    expect(low[0]).toMatch(/0\.966 -> missed/);
  });
});
