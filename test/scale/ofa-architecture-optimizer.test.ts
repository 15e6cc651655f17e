import { beforeAll, describe, expect, it } from "vitest";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { loadReferenceArchitectures } from "../../src/data/load-help.js";
import { loadOfaAccuracyPredictorWeights } from "../../src/data/load-lut.js";
import { loadTable } from "../../src/data/load.js";
import { InvalidArgumentError, InvalidDataError } from "../../src/errors.js";
import { OfaAccuracyPredictor } from "../../src/predict/ofa-accuracy-predictor.js";
import { BudgetBelowFastestError } from "../../src/scale/architecture-optimizer.js";
import { DeviceAwarePredictor } from "../../src/scale/device-aware-predictor.js";
import { OFA_DEFAULT_MARGIN, OfaArchitectureOptimizer, ofaMixtureDevices, ofaModelDevice, type OfaOptimizerDevice } from "../../src/scale/ofa-architecture-optimizer.js";
import { ofaParse } from "../../src/spaces/ofa.js";
import { mirrorDir } from "../helpers/mirror.js";

let table: LatencyTable;
let refs: number[];
let model: DeviceAwarePredictor;
let accuracy: OfaAccuracyPredictor;
let opt: OfaArchitectureOptimizer;
const pool = ["2080ti_1", "titan_xp_32", "v100_1"];
const resolutions = [160, 192, 224];
const settings = { resolutions, evaluations: 150, budgetsPerDevice: 12, hidden: [32], epochs: 4, seed: 2 } as const;
const device = (name: string): OfaOptimizerDevice => ofaModelDevice(model, name, refs.map((r) => table.latency(name)[r] as number));

beforeAll(async () => {
  const mirror = mirrorDir();
  table = await loadTable("help-ofa", { mirror });
  refs = await loadReferenceArchitectures("help-ofa", { mirror });
  model = await DeviceAwarePredictor.train(table, { pool, validation: ["titan_rtx_1"], references: refs, epochs: 3, hidden: [32], seed: 1 });
  accuracy = OfaAccuracyPredictor.create(await loadOfaAccuracyPredictorWeights({ mirror }));
  const real = pool.map(device);
  opt = await OfaArchitectureOptimizer.train(model, accuracy, { devices: [...real, ...ofaMixtureDevices(real, { count: 4, seed: 1 })], validation: [device("titan_rtx_1")], ...settings });
}, 240_000);

describe("OfaArchitectureOptimizer", () => {
  it("answers within the budget by the margin, best first, at the allowed resolutions, each accuracy OFA's predictor's", () => {
    const target = device("titan_rtx_64");
    const lat = table.latency("titan_rtx_64");
    const sorted = Array.from(lat).sort((a, b) => a - b);
    for (const q of [0.2, 0.5, 0.8]) {
      const budget = sorted[Math.floor(q * sorted.length)] as number;
      const a = opt.answer(target.referenceMs, budget, { top: 3 });
      expect(a.answers.length).toBeGreaterThan(0);
      expect(a.answers.length).toBeLessThanOrEqual(3);
      expect(a.calibration.margin).toBeCloseTo(OFA_DEFAULT_MARGIN.constant, 12);
      for (const c of a.answers) {
        expect(c.predictedLatencyMs * Math.exp(a.calibration.margin)).toBeLessThanOrEqual(budget * (1 + 1e-9));
        expect(resolutions).toContain(ofaParse(c.arch).r);
        expect(c.predictedAccuracy).toBeCloseTo(accuracy.predict([c.arch])[0] as number, 9);
      }
      for (let i = 1; i < a.answers.length; i++) expect((a.answers[i - 1] as { predictedAccuracy: number }).predictedAccuracy).toBeGreaterThanOrEqual((a.answers[i] as { predictedAccuracy: number }).predictedAccuracy);
    }
  });

  it("a larger budget never gets a less accurate best answer", () => {
    const target = device("v100_64");
    const accs = [12, 18, 26, 36].map((b) => (opt.answer(target.referenceMs, b).answers[0] as { predictedAccuracy: number }).predictedAccuracy);
    for (let i = 1; i < accs.length; i++) expect(accs[i] as number).toBeGreaterThanOrEqual((accs[i - 1] as number) - 0.5);
  });

  it("is seeded and round-trips through JSON to identical answers", async () => {
    const real = pool.map(device);
    const again = await OfaArchitectureOptimizer.train(model, accuracy, { devices: [...real, ...ofaMixtureDevices(real, { count: 4, seed: 1 })], validation: [device("titan_rtx_1")], ...settings });
    const refMs = device("titan_rtx_32").referenceMs;
    expect([...again.logits(refMs, 20)]).toEqual([...opt.logits(refMs, 20)]);
    const back = OfaArchitectureOptimizer.fromJSON(JSON.parse(JSON.stringify(opt.toJSON())), model, accuracy);
    expect(back.answer(refMs, 20)).toEqual(opt.answer(refMs, 20));
  }, 120_000);

  it("predictLatency is the latency its answers are checked with, and its margin theirs", () => {
    const target = device("titan_rtx_64");
    const a = opt.answer(target.referenceMs, 25, { top: 3 });
    const p = opt.predictLatency(target.referenceMs, a.answers.map((c) => c.arch));
    a.answers.forEach((c, i) => expect(p.latencyMs[i]).toBeCloseTo(c.predictedLatencyMs, 9));
    expect(p.calibration).toEqual(a.calibration);
    expect(() => opt.predictLatency(target.referenceMs.slice(1), [])).toThrow(InvalidArgumentError);
    expect(() => opt.predictLatency(target.referenceMs.map((v, i) => (i === 2 ? Number.NaN : v)), [])).toThrow(/reference latency 3 of 10 is NaN/);
  });

  it("mixture devices lie between their parents, on the references and on any subnet", () => {
    const real = pool.map(device);
    const [m] = ofaMixtureDevices(real, { count: 1, seed: 5 });
    const archs = [table.archAt(0), table.archAt(1)];
    const parents = real.map((d) => d.latency(archs));
    m?.latency(archs).forEach((v, i) => {
      expect(v).toBeGreaterThanOrEqual(Math.min(...parents.map((p) => p[i] as number)) - 1e-9);
      expect(v).toBeLessThanOrEqual(Math.max(...parents.map((p) => p[i] as number)) + 1e-9);
    });
    expect(ofaMixtureDevices(real, { count: 3, seed: 5 }).map((d) => d.referenceMs)).toEqual(ofaMixtureDevices(real, { count: 3, seed: 5 }).map((d) => d.referenceMs));
  });

  it("typed errors: a budget below the smallest subnet (named), wrong reference count, bad options, foreign JSON", () => {
    const refMs = device("titan_rtx_64").referenceMs;
    expect(() => opt.answer(refMs, 0.01)).toThrow(BudgetBelowFastestError);
    expect(() => opt.answer(refMs, 0.01)).toThrow(/smallest subnet's predicted latency on this device, \d/);
    expect(() => opt.answer(refMs.slice(1), 20)).toThrow(/9 reference latencies; it takes 10/);
    expect(() => opt.answer(refMs, Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => opt.answer(refMs, 20, { top: 0 })).toThrow(InvalidArgumentError);
    expect(() => opt.answer(refMs, 20, { margin: { constant: -1, perSd: 0 } })).toThrow(InvalidArgumentError);
    expect(() => opt.answer(refMs.map((v, i) => (i === 0 ? -1 : v)), 20)).toThrow(InvalidDataError);
    expect(() => OfaArchitectureOptimizer.fromJSON({ kind: "device-aware" }, model, accuracy)).toThrow(InvalidDataError);
    expect(() => OfaArchitectureOptimizer.fromJSON({ ...opt.toJSON(), dataset: "help-nb201" }, model, accuracy)).toThrow(/help-nb201/);
    expect(() => ofaMixtureDevices([device("v100_1")], { count: 2 })).toThrow(InvalidArgumentError);
  });
});
