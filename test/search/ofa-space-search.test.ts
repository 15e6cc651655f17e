import { describe, expect, it } from "vitest";
import { adaptContext, adaptTarget } from "../../src/adapt/adapt.js";
import { LatencyTable } from "../../src/data/latency-table.js";
import { loadLookupTables } from "../../src/data/load-lut.js";
import { LookupTablePredictor } from "../../src/predict/lut-predictor.js";
import { seededRng } from "../../src/random.js";
import { carryAdaptedLatency, fitOfaTargetModels, runOfaSpaceSearch } from "../../src/search/ofa-space-search.js";
import { ofaFormat, ofaSample } from "../../src/spaces/ofa.js";
import { DEFAULT_ADAPT_THRESHOLD } from "../../src/search/one-proxy.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("one-proxy search over the whole Once-for-All space", () => {
  it("fits a latency model per HELP GPU setting and reports its held-out SRCC", async () => {
    const models = await fitOfaTargetModels({ mirror: mirrorDir() });
    expect(models.map((m) => m.name)).toContain("v100_64");
    expect(models).toHaveLength(12);
    const v100 = models.find((m) => m.name === "v100_64");
    expect(v100?.heldOutSrcc).toBeGreaterThan(0.95);
    const p = v100?.predict(["r224-d44444-k77777777777777777777-e66666666666666666666", "r160-d22222-k33003300330033003300-e33003300330033003300"]);
    expect((p?.[0] as number) > (p?.[1] as number)).toBe(true);
  }, 60_000);

  it("keeps the measurement budget, adapts by the threshold rule, and is deterministic", async () => {
    const options = { mirror: mirrorDir(), seeds: 1, evaluations: 300, budget: 60, targets: ["v100_1", "v100_64"] };
    const rows = await runOfaSpaceSearch(options);
    expect(rows.map((r) => r.target)).toEqual(["v100_1", "v100_64"]);
    for (const r of rows) {
      expect(r.targetMeasurements).toBeLessThanOrEqual(60);
      expect(r.adaptedShare).toBe(r.srccMeasured < DEFAULT_ADAPT_THRESHOLD ? 1 : 0);
      expect(r.pipeline.regret).toBeGreaterThanOrEqual(0);
      expect(r.poolSize).toBeGreaterThan(200);
    }
    const again = await runOfaSpaceSearch(options);
    expect(again.map((r) => r.pipeline.regret)).toEqual(rows.map((r) => r.pipeline.regret));
  }, 120_000);
});

describe("carryAdaptedLatency", () => {
  it("reproduces the adapted prediction on the pool (the methods are linear in proxy latency and features), with or without a prior", async () => {
    const lut = LookupTablePredictor.create(await loadLookupTables("ofa-note10-lut", { mirror: mirrorDir() }));
    const models = await fitOfaTargetModels({ mirror: mirrorDir() });
    const rng = seededRng(3);
    const pool = [...new Set(Array.from({ length: 400 }, () => ofaFormat({ ...ofaSample(rng), r: 224 })))];
    const poolLut = lut.predict(pool);
    const t = LatencyTable.create({ space: "ofa-mbv3", archs: pool, devices: [{ info: { name: "note10_lut", source: "lut" }, values: poolLut }, ...models.map((m) => ({ info: { name: m.name, source: "model" }, values: m.predict(pool) }))] });
    const target = t.latency("v100_1");
    for (const ctx of [adaptContext(t, ["note10_lut"]), adaptContext(t, ["note10_lut"], { prior: t })]) {
      const a = adaptTarget(ctx, (r) => target[r] as number, { samples: 20, seed: 1, target: "v100_1" });
      const carried = carryAdaptedLatency(pool, poolLut, a.predictions, (x) => lut.predict(x))(pool);
      const range = Math.max(...a.predictions) - Math.min(...a.predictions);
      const err = Math.max(...Array.from(carried, (v, i) => Math.abs(v - (a.predictions[i] as number))));
      expect(err / range).toBeLessThan(1e-5);
    }
  }, 60_000);
});
