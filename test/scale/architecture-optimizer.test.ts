import { beforeAll, describe, expect, it } from "vitest";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { loadReferenceArchitectures } from "../../src/data/load-help.js";
import { loadTable } from "../../src/data/load.js";
import { seededRng } from "../../src/random.js";
import { ArchitectureOptimizer, BudgetBelowFastestError, DEFAULT_MARGIN, MARGIN_GRID, POOL_SIMILARITY_GATE, VIOLATION_TARGET, type FeasibilityMargin } from "../../src/scale/architecture-optimizer.js";
import { spearman } from "../../src/stats/correlation.js";
import { nb201Parse } from "../../src/spaces/nb201.js";
import { DeviceAwarePredictor } from "../../src/scale/device-aware-predictor.js";
import { budgetFrontier, optimumUnderBudget } from "../../src/scale/exact-optima.js";
import { syntheticDevices } from "../../src/scale/synthetic-devices.js";
import { quantiles } from "../../src/stats/quantile.js";
import { mirrorDir } from "../helpers/mirror.js";
import { adaptContext, adaptTarget } from "../../src/adapt/adapt.js";

let table: LatencyTable;
let refs: number[];
let model: DeviceAwarePredictor;
let opt: ArchitectureOptimizer;
const pool = ["1080ti_1", "silver_4114", "pixel3", "samsung_a50", "eyeriss"];
const real = (d: string) => ({ name: d, latency: table.latency(d) });
const network = { hidden: [64, 64], epochs: 25, seed: 3 } as const;

beforeAll(async () => {
  const mirror = mirrorDir();
  table = (await loadTable("help-nb201", { mirror })).join(await loadTable("nb201-accuracy", { mirror }));
  refs = await loadReferenceArchitectures("help-nb201", { mirror });
  model = await DeviceAwarePredictor.train(table, { pool, validation: ["titanx_1"], references: refs, epochs: 6, hidden: [32, 32], seed: 1 });
  const devices = [...pool.map(real), ...syntheticDevices(table, pool, { count: 20, seed: 3 })];
  opt = await ArchitectureOptimizer.train(table, model, { accuracy: "cifar10", devices, validation: [real("titanx_1"), real("pixel2")], margin: "validation", ...network });
}, 240_000);

/** The test device's reference latencies and the p10..p90 budgets of its true latencies. */
function device(name: string): { refMs: number[]; budgets: number[]; lat: Float64Array } {
  const lat = table.latency(name);
  return { refMs: refs.map((r) => lat[r] as number), budgets: quantiles(lat, [0.1, 0.3, 0.5, 0.7, 0.9]), lat };
}

describe("ArchitectureOptimizer", () => {
  it("never returns an answer predicted over budget: each answer's calibrated prediction times e^margin is within it", () => {
    for (const name of ["gold_6226", "raspi4", "fpga"]) {
      const { refMs, budgets } = device(name);
      for (const b of budgets) {
        const a = opt.answer(refMs, b, { top: 5 });
        expect(a.answers.length).toBeGreaterThan(0);
        for (const c of a.answers) {
          if (refs.includes(c.row)) expect(c.predictedLatencyMs).toBeLessThanOrEqual(b);
          else expect(c.predictedLatencyMs * Math.exp(a.calibration.margin)).toBeLessThanOrEqual(b * (1 + 1e-12));
        }
        // most accurate first
        for (let i = 1; i < a.answers.length; i++) expect((a.answers[i - 1] as { accuracy: number }).accuracy).toBeGreaterThanOrEqual((a.answers[i] as { accuracy: number }).accuracy);
      }
    }
  });
  it("its beam of 64 beats 64 random architectures put through the same feasibility check", () => {
    const acc = table.accuracy("cifar10");
    const rng = seededRng(0);
    let ours = 0;
    let random = 0;
    let n = 0;
    for (const name of ["gold_6226", "fpga", "titan_rtx_256"]) {
      const { refMs, budgets, lat } = device(name);
      const f = budgetFrontier(lat, acc);
      const { latencyMs } = opt.predictLatency(refMs);
      for (const b of budgets) {
        const best = acc[optimumUnderBudget(f, b)] as number;
        const a = opt.answer(refMs, b, { beam: 64, refine: 0 });
        ours += best - (a.answers[0] as { accuracy: number }).accuracy;
        const limit = b * Math.exp(-a.calibration.margin);
        const picks = Array.from({ length: 64 }, () => rng.int(table.rows)).filter((r) => (latencyMs[r] as number) <= limit);
        random += best - (picks.length ? Math.max(...picks.map((r) => acc[r] as number)) : 0);
        n++;
      }
    }
    expect(ours / n).toBeLessThan(random / n / 2);
  });
  it("refinement only adds candidates: its answer is at least as accurate as the beam's alone, better somewhere, and every log-probability is the network's", () => {
    const acc = table.accuracy("cifar10");
    let better = 0;
    for (const name of ["gold_6226", "raspi4", "eyeriss"]) {
      const { refMs, budgets } = device(name);
      for (const b of budgets) {
        const beamOnly = opt.answer(refMs, b, { beam: 16, refine: 0, top: 1 });
        const refined = opt.answer(refMs, b, { beam: 16, refine: 2, top: 5 });
        // refinement starts from the beam's feasible candidates; with none, both fall back to the exhaustive scan
        expect(refined.source).toBe(beamOnly.source);
        if (refined.source === "beam") expect(refined.checked).toBeGreaterThan(beamOnly.checked);
        expect(refined.feasibleInBeam).toBe(beamOnly.feasibleInBeam);
        const top = refined.answers[0] as { accuracy: number };
        expect(top.accuracy).toBeGreaterThanOrEqual((beamOnly.answers[0] as { accuracy: number }).accuracy);
        if (top.accuracy > (beamOnly.answers[0] as { accuracy: number }).accuracy) better++;
        // log-probability of each answer = sum over edges of the log-softmax of its operation's logit
        const logits = opt.logits(refMs, b);
        for (const c of refined.answers) {
          const ops = nb201Parse(c.arch);
          let lp = 0;
          ops.forEach((o, e) => {
            const row = Array.from(logits.subarray(e * 5, e * 5 + 5));
            const mx = Math.max(...row);
            lp += (row[o] as number) - mx - Math.log(row.reduce((s, x) => s + Math.exp(x - mx), 0));
          });
          expect(c.logProbability).toBeCloseTo(lp, 9);
          expect(acc[c.row]).toBe(c.accuracy);
        }
      }
    }
    expect(better).toBeGreaterThan(0);
    expect(() => opt.answer(device("fpga").refMs, 3, { refine: -1 })).toThrowError(/refine -1; valid: an integer >= 0/);
  });
  it("the exhaustive method returns the most accurate row whose calibrated prediction is within the budget less the margin", () => {
    const { refMs, budgets } = device("pixel2");
    const { latencyMs } = opt.predictLatency(refMs);
    const acc = table.accuracy("cifar10");
    for (const b of budgets) {
      const a = opt.answer(refMs, b, { top: 1, method: "exhaustive", check: "device-model" });
      expect(a.source).toBe("exhaustive");
      expect(a.check).toBe("device-model");
      const limit = b * Math.exp(-a.calibration.margin);
      let best = -1;
      for (let r = 0; r < table.rows; r++) {
        const ok = refs.includes(r) ? (latencyMs[r] as number) <= b : (latencyMs[r] as number) <= limit * (1 + 1e-12);
        if (ok && (best < 0 || (acc[r] as number) > (acc[best] as number))) best = r;
      }
      expect((a.answers[0] as { accuracy: number }).accuracy).toBe(acc[best]);
    }
  });
  it("checks a given log-latency column instead of its calibrated device model: answers within the budget by it, exhaustive the best row by it; typed errors for a wrong length or a NaN", () => {
    const { refMs, budgets, lat } = device("raspi4");
    // the device's true latencies with a row-dependent bias, so they differ from the device model's
    const given = Float64Array.from(lat, (v, r) => Math.log(v) + 0.1 * Math.sin(r));
    const acc = table.accuracy("cifar10");
    for (const b of budgets) {
      const a = opt.answer(refMs, b, { top: 3, logLatency: given });
      expect(a.answers.length).toBeGreaterThan(0);
      for (const c of a.answers) {
        if (refs.includes(c.row)) expect(c.predictedLatencyMs).toBe(lat[c.row]);
        else {
          expect(c.predictedLatencyMs).toBeCloseTo(Math.exp(given[c.row] as number), 9);
          expect(c.predictedLatencyMs * Math.exp(a.calibration.margin)).toBeLessThanOrEqual(b * (1 + 1e-12));
        }
      }
      const e = opt.answer(refMs, b, { top: 1, method: "exhaustive", logLatency: given });
      const limit = Math.log(b) - e.calibration.margin;
      let best = -1;
      for (let r = 0; r < table.rows; r++) {
        const ok = refs.includes(r) ? (lat[r] as number) <= b : (given[r] as number) <= limit;
        if (ok && (best < 0 || (acc[r] as number) > (acc[best] as number))) best = r;
      }
      expect((e.answers[0] as { accuracy: number }).accuracy).toBe(acc[best]);
    }
    // the calibrated device model answers otherwise somewhere
    expect(budgets.some((b) => opt.answer(refMs, b, { top: 1, method: "exhaustive" }).answers[0]?.row !== opt.answer(refMs, b, { top: 1, method: "exhaustive", logLatency: given }).answers[0]?.row)).toBe(true);
    expect(() => opt.answer(refMs, budgets[2] as number, { logLatency: given.subarray(1) })).toThrow(/logLatency has 15624 values; valid: one per row of the table \(15625\)/);
    const bad = given.slice();
    bad[7] = Number.NaN;
    expect(() => opt.answer(refMs, budgets[2] as number, { logLatency: bad })).toThrow(/logLatency at row 7 is NaN; valid: a finite log latency/);
    expect(given[7]).not.toBeNaN(); // the input is not mutated
  });
  it("deviceAwareLogLatency is the device-aware adaptation of its model's pool on the references, seeded with its seed; a wrong count of references is a typed error", () => {
    const { refMs, lat } = device("pixel2");
    const expected = adaptTarget(adaptContext(table, pool, { deviceModel: model }), (r) => lat[r] as number, { samples: refs.length, rows: refs, method: "device-aware", seed: 3 }).predictions.map(Math.log);
    expect(Array.from(opt.deviceAwareLogLatency(refMs))).toEqual(Array.from(expected));
    expect(() => opt.deviceAwareLogLatency(refMs.slice(1))).toThrow(/9 reference latencies; valid: one per reference architecture \(10\)/);
  });
  it("poolSimilarity is the pool device whose reference latencies rank most like the device's; a wrong count is a typed error", () => {
    const { refMs } = device("gold_6226");
    const srcc = pool.map((d) => spearman(refs.map((r) => table.latency(d)[r] as number), refMs).value);
    const best = srcc.indexOf(Math.max(...srcc));
    expect(opt.poolSimilarity(refMs)).toEqual({ device: pool[best], srcc: srcc[best] });
    // a pool device is its own closest, at SRCC 1
    expect(opt.poolSimilarity(device("pixel3").refMs)).toEqual({ device: "pixel3", srcc: 1 });
    expect(() => opt.poolSimilarity(refMs.slice(2))).toThrow(/8 reference latencies; valid: one per reference architecture \(10\)/);
    expect(() => opt.poolSimilarity([...refMs.slice(0, 9), Number.NaN])).toThrow(/reference latency 10 of 10 is NaN; valid: a finite latency > 0 ms/);
  });
  it("the auto check: the device model for a device the pool ranks like, the device-aware adaptation for one it does not; the same answers as asking for each; checkedLatency gives what was checked", () => {
    const like = device("pixel3");
    const a = opt.answer(like.refMs, like.budgets[2] as number, { top: 3 });
    expect(a.check).toBe("device-model");
    expect(a.closest.srcc).toBeGreaterThanOrEqual(POOL_SIMILARITY_GATE);
    expect(a.answers).toEqual(opt.answer(like.refMs, like.budgets[2] as number, { top: 3, check: "device-model" }).answers);
    expect(Array.from(opt.checkedLatency(like.refMs).latencyMs)).toEqual(Array.from(opt.predictLatency(like.refMs).latencyMs));
    // the same latencies in reverse order over the references: no pool device ranks them alike
    const unlike = [...like.refMs].reverse();
    const before = unlike.slice();
    expect(opt.poolSimilarity(unlike).srcc).toBeLessThan(POOL_SIMILARITY_GATE);
    const column = opt.deviceAwareLogLatency(unlike);
    column.fill(0); // a copy: changing it changes no answer
    const given = opt.deviceAwareLogLatency(unlike);
    for (const b of [2, 4, 8].map((f) => Math.min(...unlike) * f)) {
      const u = opt.answer(unlike, b, { top: 3 });
      expect(u.check).toBe("device-aware");
      // a given column gets the device model's sd in its margin; the adaptation's check its own held-out error, so the same margin is given here
      expect(u.answers).toEqual(opt.answer(unlike, b, { top: 3, logLatency: given, margin: { constant: u.calibration.margin, perSd: 0 } }).answers);
      expect(u.answers).toEqual(opt.answer(unlike, b, { top: 3, check: "device-aware" }).answers);
      expect(opt.answer(unlike, b, { top: 3, logLatency: given }).check).toBe("given");
    }
    const checked = opt.checkedLatency(unlike);
    expect(checked.check).toBe("device-aware");
    refs.forEach((r, i) => expect(checked.latencyMs[r]).toBe(unlike[i]));
    expect(checked.latencyMs[5]).toBeCloseTo(Math.exp(given[5] as number), 9);
    expect(unlike).toEqual(before);
    expect(() => opt.answer(unlike, 5, { check: "lookup" as never })).toThrow(/check "lookup"; valid: auto, device-model, device-aware/);
  });
  it("scales the margin by the device model's residual sd, or with marginSd checking by the sd of the predictor that checks (the adaptation's held-out log error when it checks)", () => {
    const { refMs, lat, budgets } = device("pixel2");
    const b = budgets[2] as number;
    const held = adaptTarget(adaptContext(table, pool, { deviceModel: model }), (r) => lat[r] as number, { samples: refs.length, rows: refs, method: "device-aware", seed: 3 }).heldOutLogError as number;
    const m = opt.margin;
    const adapted = opt.answer(refMs, b, { top: 1, check: "device-aware", marginSd: "checking" });
    expect(held).toBeGreaterThan(0);
    expect(adapted.calibration.margin).toBeCloseTo(m.constant + m.perSd * held, 12);
    expect(opt.checkedLatency(refMs, "device-aware", "checking").marginSd).toBeCloseTo(held, 12);
    const old = opt.answer(refMs, b, { top: 1, check: "device-aware" });
    expect(old.calibration.margin).toBeCloseTo(m.constant + m.perSd * old.calibration.sd, 12);
    expect(opt.checkedLatency(refMs, "device-aware").marginSd).toBe(old.calibration.sd);
    expect(held).not.toBeCloseTo(old.calibration.sd, 6);
    const byModel = opt.answer(refMs, b, { top: 1, check: "device-model", marginSd: "checking" });
    expect(byModel.calibration.margin).toBeCloseTo(m.constant + m.perSd * byModel.calibration.sd, 12);
    expect(opt.checkedLatency(refMs, "device-model").marginSd).toBe(byModel.calibration.sd);
    expect(() => opt.answer(refMs, b, { marginSd: "larger" as never })).toThrow(/marginSd "larger"; valid: checking, device-model/);
    expect(() => opt.checkedLatency(refMs, "device-model", "larger" as never)).toThrow(/marginSd "larger"; valid: checking, device-model/);
  });
  it("chose its margin on the validation devices and round-trips through JSON to identical answers", () => {
    expect(opt.calibration.source).toBe("validation");
    // least validation regret at <= 5 % over budget when a margin of the grid gets there, else the fewest over budget
    expect(opt.calibration.violations).toBeGreaterThanOrEqual(0);
    expect(opt.calibration.regret).toBeGreaterThanOrEqual(0);
    expect(opt.margin.constant).toBeGreaterThanOrEqual(0);
    // recomputed here: every margin of the grid on the two validation devices at their 5th..95th percentiles
    const acc = table.accuracy("cifar10");
    const score = (m: FeasibilityMargin) => {
      let regret = 0;
      let over = 0;
      let n = 0;
      for (const name of ["titanx_1", "pixel2"]) {
        const lat = table.latency(name);
        const f = budgetFrontier(lat, acc);
        const refMs = refs.map((r) => lat[r] as number);
        for (const b of quantiles(lat, Array.from({ length: 19 }, (_, i) => (i + 1) / 20))) {
          const best = acc[optimumUnderBudget(f, b)] as number;
          n++;
          let row = -1;
          try {
            row = (opt.answer(refMs, b, { margin: m, top: 1 }).answers[0] as { row: number }).row;
          } catch (e) {
            if (!(e instanceof BudgetBelowFastestError)) throw e;
          }
          if (row < 0) regret += best;
          else {
            regret += Math.max(0, best - (acc[row] as number));
            if ((lat[row] as number) > b) over++;
          }
        }
      }
      return { regret: regret / n, violations: over / n };
    };
    const mine = score(opt.margin);
    expect(opt.calibration.regret).toBeCloseTo(mine.regret, 12);
    expect(opt.calibration.violations).toBeCloseTo(mine.violations, 12);
    const grid = MARGIN_GRID.map(score);
    const within = grid.filter((g) => g.violations <= VIOLATION_TARGET);
    if (within.length) {
      expect(mine.violations).toBeLessThanOrEqual(VIOLATION_TARGET);
      expect(mine.regret).toBeLessThanOrEqual(Math.min(...within.map((g) => g.regret)) + 1e-12);
    } else expect(mine.violations).toBeLessThanOrEqual(Math.min(...grid.map((g) => g.violations)) + 1e-12);
    const back = ArchitectureOptimizer.fromJSON(JSON.parse(JSON.stringify(opt)), table, model);
    const { refMs, budgets } = device("eyeriss");
    for (const b of budgets) expect(back.answer(refMs, b)).toEqual(opt.answer(refMs, b));
    expect(Array.from(back.logits(refMs, budgets[0] as number))).toEqual(Array.from(opt.logits(refMs, budgets[0] as number)));
  });
  it("is deterministic per seed", async () => {
    const devices = [...pool.map(real), ...syntheticDevices(table, pool, { count: 20, seed: 3 })];
    const again = await ArchitectureOptimizer.train(table, model, { accuracy: "cifar10", devices, validation: [real("titanx_1"), real("pixel2")], margin: "validation", ...network });
    const { refMs, budgets } = device("raspi4");
    expect(Array.from(again.logits(refMs, budgets[2] as number))).toEqual(Array.from(opt.logits(refMs, budgets[2] as number)));
    expect(again.margin).toEqual(opt.margin);
  }, 120_000);
  it("uses DEFAULT_MARGIN unless told to calibrate, and calibrating needs validation devices", async () => {
    const devices = pool.map(real);
    const plain = await ArchitectureOptimizer.train(table, model, { accuracy: "cifar10", devices, validation: [real("titanx_1")], hidden: [16], epochs: 2, seed: 0 });
    expect(plain.margin).toEqual(DEFAULT_MARGIN);
    expect(plain.calibration.source).toBe("default");
    await expect(ArchitectureOptimizer.train(table, model, { accuracy: "cifar10", devices, margin: "validation", hidden: [16], epochs: 2 })).rejects.toThrowError(/margin "validation" needs validation devices/);
  }, 120_000);
  it("typed errors: a budget below the fastest architecture (named), bad inputs, another table's model", async () => {
    const { refMs } = device("fpga");
    expect(() => opt.answer(refMs, 1e-6)).toThrowError(/budget 0.000001 ms is below the fastest architecture's predicted latency on this device, [0-9.e-]+ ms/);
    // without the scan a budget no beam candidate meets gives no answer instead of an error (the preference sweep skips it)
    expect(opt.answer(refMs, 1e-6, { scan: false }).answers).toEqual([]);
    expect(() => opt.answerPreference(refMs, 2)).toThrowError(/preference weight 2; valid: a number in \[0, 1\]/);
    expect(() => opt.answer(refMs, Number.NaN)).toThrowError(/budget NaN ms; valid: a finite latency > 0 ms/);
    expect(() => opt.answer([1, 2], 3)).toThrowError(/2 reference latencies; it takes 10/);
    expect(() => opt.answer(refMs, 3, { margin: { constant: -1, perSd: 0 } })).toThrowError(/valid: finite constant >= 0 and perSd >= 0/);
    expect(() => ArchitectureOptimizer.fromJSON({ kind: "mlp" }, table, model)).toThrowError(/not a serialised optimizer/);
    const json = JSON.parse(JSON.stringify(opt));
    expect(() => ArchitectureOptimizer.fromJSON({ ...json, references: [1, 2, 3] }, table, model)).toThrowError(/trained with reference rows 1, 2, 3; the device-aware model uses/);
    const ofa = await loadTable("help-ofa", { mirror: mirrorDir() });
    await expect(ArchitectureOptimizer.train(ofa, model, { accuracy: "x", devices: [] })).rejects.toThrowError(/help-ofa is a ofa-mbv3 table; the optimizer outputs NAS-Bench-201 cells/);
    await expect(ArchitectureOptimizer.train(table, model, { accuracy: "cifar10", devices: [{ name: "short", latency: [1, 2] }] })).rejects.toThrowError(/device short has 2 latencies; help-nb201 \+ nb201-accuracy has 15625 rows/);
  });
  it("with a heavy expected-latency term, puts its mass on architectures the device runs faster under a tight budget", async () => {
    const devices = pool.map(real);
    const small = { hidden: [32], epochs: 8, seed: 3, budgetsPerDevice: 16 } as const;
    const plain = await ArchitectureOptimizer.train(table, model, { accuracy: "cifar10", devices, ...small });
    const heavy = await ArchitectureOptimizer.train(table, model, { accuracy: "cifar10", devices, ...small, lossTerms: { latency: 50 } });
    const { refMs, budgets, lat } = device("pixel3");
    // the expected latency of the network's per-edge softmax at the 10th percentile, on pixel3's own operator costs (mean latency with each op on each edge)
    const k = 30;
    const opMean = new Float64Array(k);
    const count = new Float64Array(k);
    for (let r = 0; r < table.rows; r++) nb201Parse(table.archAt(r)).forEach((op, e) => {
      opMean[e * 5 + op] = (opMean[e * 5 + op] as number) + Math.log(lat[r] as number);
      count[e * 5 + op] = (count[e * 5 + op] as number) + 1;
    });
    const expected = (o: ArchitectureOptimizer) => {
      const z = o.logits(refMs, budgets[0] as number);
      let s = 0;
      for (let e = 0; e < 6; e++) {
        const row = Array.from({ length: 5 }, (_, j) => z[e * 5 + j] as number);
        const m = Math.max(...row);
        const w = row.map((v) => Math.exp(v - m));
        const tot = w.reduce((a, b) => a + b, 0);
        w.forEach((v, j) => (s += (v / tot) * ((opMean[e * 5 + j] as number) / (count[e * 5 + j] as number))));
      }
      return s;
    };
    expect(expected(heavy)).toBeLessThan(expected(plain));
    await expect(ArchitectureOptimizer.train(table, model, { accuracy: "cifar10", devices, ...small, lossTerms: { latency: -1 } })).rejects.toThrowError(/lossTerms .*valid: finite weights >= 0/);
  }, 240_000);
});
