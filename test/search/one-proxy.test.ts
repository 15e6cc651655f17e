import { beforeAll, describe, expect, it } from "vitest";
import { adaptContext, adaptTarget } from "../../src/adapt/adapt.js";
import type { AdaptContext } from "../../src/adapt/method.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { ONE_PROXY_DEFAULTS, oneProxySearch, scoreOneProxy } from "../../src/search/one-proxy.js";
import { loadNb201SearchTable } from "../../src/experiments/search-protocol.js";
import { frontProbabilitySet } from "../../src/stats/front-probability.js";
import { paretoBand } from "../../src/stats/pareto-band.js";
import { paretoFront } from "../../src/stats/pareto.js";
import { mirrorDir } from "../helpers/mirror.js";

let t: LatencyTable;
let ctx: AdaptContext;
beforeAll(async () => {
  t = await loadNb201SearchTable({ mirror: mirrorDir() });
  ctx = adaptContext(t, ["pixel3"]);
}, 60_000);

describe("oneProxySearch on HELP + NATS-Bench (proxy pixel3)", () => {
  it("reads the target only at the K measured rows, and stays within the measurement budget", () => {
    const acc = t.accuracy("cifar10");
    const target = t.latency("pixel2");
    const calls: number[] = [];
    const r = oneProxySearch(ctx, acc, (row) => (calls.push(row), target[row] as number), { seed: 3, target: "pixel2" });
    expect([...calls].sort((a, b) => a - b)).toEqual([...r.measured].sort((a, b) => a - b));
    expect(r.measured.length).toBe(20);
    expect(r.targetMeasurements).toBeLessThanOrEqual(100);
    expect(r.proxySet.length).toBeLessThanOrEqual(80);
    for (const m of r.measured) expect(r.pipelineSet).toContain(m);
    expect(r.proxyFront).toEqual(paretoFront(t.latency("pixel3"), acc));
    // every other target value corrupted: same result
    const corrupt = Float64Array.from(target, (v, i) => (r.measured.includes(i) ? v : 1e6 - v));
    const r2 = oneProxySearch(ctx, acc, (row) => corrupt[row] as number, { seed: 3, target: "pixel2" });
    expect(r2.pipelineSet).toEqual(r.pipelineSet);
    expect(r2.adapted).toBe(r.adapted);
  });
  it("adapts exactly when the proxy's SRCC on the samples is below the threshold; pipelineSet = proxySet otherwise", () => {
    const acc = t.accuracy("cifar10");
    const target = t.latency("raspi4");
    const auto = oneProxySearch(ctx, acc, (row) => target[row] as number, { seed: 0, threshold: 0.9 });
    const lower = oneProxySearch(ctx, acc, (row) => target[row] as number, { seed: 0, threshold: auto.srccMeasured - 0.01 });
    const higher = oneProxySearch(ctx, acc, (row) => target[row] as number, { seed: 0, threshold: auto.srccMeasured + 0.01 });
    expect(lower.adapted).toBe(false);
    expect(lower.pipelineSet).toEqual(lower.proxySet);
    expect(lower.predictions).toBeUndefined();
    expect(higher.adapted).toBe(true);
    expect(oneProxySearch(ctx, acc, (row) => target[row] as number, { seed: 0, decision: "never" }).adapted).toBe(false);
  });
  it("adaptation pays on a target the proxy ranks poorly (pixel3 -> 1080ti_32, CIFAR-10, 3 seeds)", () => {
    const acc = t.accuracy("cifar10");
    const target = t.latency("1080ti_32");
    let proxy = 0;
    let adapted = 0;
    for (let seed = 0; seed < 3; seed++) {
      const s = scoreOneProxy(oneProxySearch(ctx, acc, (row) => target[row] as number, { seed }), target, acc);
      proxy += s.proxyFront.regret / 3;
      adapted += s.adapted.regret / 3;
    }
    expect(proxy).toBeGreaterThan(0.5);
    expect(adapted).toBeLessThan(proxy / 4);
  });
  it("builds the adapted set by the chosen rule: expected-regret (default), front-probability (σ 0.02) or band", () => {
    const acc = t.accuracy("cifar10");
    const target = t.latency("silver_4114");
    const measure = (row: number) => target[row] as number;
    const def = oneProxySearch(ctx, acc, measure, { seed: 2, target: "silver_4114" });
    expect(def.adapted).toBe(true);
    const p = def.predictions as Float64Array;
    // the pipeline adapts with ONE_PROXY_DEFAULTS.method (proxy-ensemble), not the adapt command's bagged default
    expect(ONE_PROXY_DEFAULTS.method).toBe("proxy-ensemble");
    const one = adaptTarget(ctx, measure, { samples: def.measured.length, rows: def.measured, seed: 2, target: "silver_4114", method: "proxy-ensemble" });
    expect(Array.from(p)).toEqual(Array.from(one.predictions));
    const bagged = oneProxySearch(ctx, acc, measure, { seed: 2, target: "silver_4114", method: "proxy-ensemble-bagged" });
    expect(Array.from(bagged.predictions as Float64Array)).toEqual(Array.from(adaptTarget(ctx, measure, { samples: def.measured.length, rows: def.measured, seed: 2, target: "silver_4114" }).predictions));
    const fp = oneProxySearch(ctx, acc, measure, { seed: 2, target: "silver_4114", setRule: "front-probability" });
    expect(fp.predictions).toEqual(p);
    expect(fp.pipelineSet).toEqual(frontProbabilitySet(p, acc, 100, { include: def.measured, sigma: 0.02 }).rows);
    const band = oneProxySearch(ctx, acc, measure, { seed: 2, target: "silver_4114", setRule: "band" });
    expect(band.pipelineSet).toEqual(paretoBand(p, acc, 100, { include: def.measured }).rows);
    // the default set holds the measured rows and the budget, and differs from the sets built on the one prediction
    expect(def.pipelineSet.length).toBe(100);
    expect(def.pipelineSet.slice(0, 20)).toEqual(def.measured);
    expect(def.pipelineSet).not.toEqual(fp.pipelineSet);
    // the scenarios come from the seed and their count: more refits, another set; the same seed, the same set
    const more = oneProxySearch(ctx, acc, measure, { seed: 2, target: "silver_4114", scenarios: 32 });
    expect(more.pipelineSet).not.toEqual(def.pipelineSet);
    expect(oneProxySearch(ctx, acc, measure, { seed: 2, target: "silver_4114" }).pipelineSet).toEqual(def.pipelineSet);
    const wide = oneProxySearch(ctx, acc, measure, { seed: 2, target: "silver_4114", setRule: "front-probability", sigma: 0.1 });
    expect(wide.pipelineSet).toEqual(frontProbabilitySet(p, acc, 100, { include: def.measured, sigma: 0.1 }).rows);
    expect(() => oneProxySearch(ctx, acc, measure, { setRule: "layers" as never })).toThrowError(/valid: expected-regret, front-probability, band/);
    expect(() => oneProxySearch(ctx, acc, measure, { scenarios: 0 })).toThrowError(/scenarios 0 must be a positive integer/);
    expect(() => oneProxySearch(ctx, acc, measure, { subsample: 1 })).toThrowError(/subsample 1 must be in \(0, 1\)/);
    expect(oneProxySearch(ctx, acc, measure, { seed: 2, target: "silver_4114", subsample: 0.75 }).pipelineSet).not.toEqual(def.pipelineSet);
    expect(() => oneProxySearch(ctx, acc, measure, { setRule: "front-probability", sigma: 0 })).toThrowError(/sigma must be > 0/);
  });
  it("the expected-regret set pays on the search protocol's hardest CIFAR-10 targets (pixel3 -> silver_4114, samsung_s7; 4 seeds)", () => {
    const acc = t.accuracy("cifar10");
    let fp = 0;
    let er = 0;
    for (const name of ["silver_4114", "samsung_s7"]) {
      const target = t.latency(name);
      for (let seed = 0; seed < 4; seed++) {
        const o = { seed, target: name };
        fp += scoreOneProxy(oneProxySearch(ctx, acc, (row) => target[row] as number, { ...o, setRule: "front-probability" }), target, acc).adapted.regret / 8;
        er += scoreOneProxy(oneProxySearch(ctx, acc, (row) => target[row] as number, o), target, acc).adapted.regret / 8;
      }
    }
    expect(er).toBeLessThan(fp);
  });
  it("is deterministic and rejects bad options", () => {
    const acc = t.accuracy("cifar100");
    const target = t.latency("fpga");
    const a = oneProxySearch(ctx, acc, (row) => target[row] as number, { seed: 5 });
    const b = oneProxySearch(ctx, acc, (row) => target[row] as number, { seed: 5 });
    expect(b.pipelineSet).toEqual(a.pipelineSet);
    expect(() => oneProxySearch(ctx, acc, () => 1, { samples: 20, budget: 20 })).toThrowError(/budget 20 must be an integer above samples 20/);
    expect(() => oneProxySearch(ctx, acc.slice(1), () => 1)).toThrowError(/15624 accuracies for 15625 rows/);
    expect(() => oneProxySearch(adaptContext(t, ["pixel3", "fpga"]), acc, () => 1)).toThrowError(/one proxy/);
    expect(() => oneProxySearch(ctx, acc, () => 1, { decision: "maybe" as never })).toThrowError(/valid: auto, always, never/);
  });
});

describe("oneProxySearch with prior knowledge (other devices of the table)", () => {
  it("leaves out the target's hardware at every batch size, and the prior changes the adapted set", () => {
    const acc = t.accuracy("cifar10");
    const target = t.latency("2080ti_256");
    const others = t.deviceNames.filter((d) => d !== "pixel3");
    const all = adaptContext(t, ["pixel3"], { prior: t.selectDevices(others) });
    const without2080 = adaptContext(t, ["pixel3"], { prior: t.selectDevices(others.filter((d) => !d.startsWith("2080ti_"))) });
    const opts = { seed: 1, target: "2080ti_256", decision: "always" as const };
    const a = oneProxySearch(all, acc, (row) => target[row] as number, opts);
    const b = oneProxySearch(without2080, acc, (row) => target[row] as number, opts);
    expect(Array.from(a.predictions ?? [])).toEqual(Array.from(b.predictions ?? []));
    expect(a.pipelineSet).toEqual(b.pipelineSet);
    const none = oneProxySearch(ctx, acc, (row) => target[row] as number, opts);
    expect(none.pipelineSet).not.toEqual(a.pipelineSet);
    // the prior reads no target latency: the same measured rows
    expect(a.measured).toEqual(none.measured);
  });
});
