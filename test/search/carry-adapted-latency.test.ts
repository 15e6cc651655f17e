import { describe, expect, it } from "vitest";
import { adaptContext, adaptTarget } from "../../src/adapt/adapt.js";
import { LatencyTable } from "../../src/data/latency-table.js";
import { loadLookupTables } from "../../src/data/load-lut.js";
import { fitOfaTargetModels } from "../../src/experiments/ofa-space-protocol.js";
import { LookupTablePredictor } from "../../src/predict/lut-predictor.js";
import { seededRng } from "../../src/random.js";
import { carryAdaptedLatency } from "../../src/search/carry-adapted-latency.js";
import { ofaFormat, ofaSample } from "../../src/spaces/ofa.js";
import { mirrorDir } from "../helpers/mirror.js";

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
