import { describe, expect, it } from "vitest";
import { PROTOCOLS, type ProtocolSummary } from "../../src/experiments/adapt-protocols.js";
import { adaptationBars, dissimilarOptimizeBars, HELP_MEAN_BARS, ofaSearchBar, ONEPROXY_K20_MIN_BAR, OPTIMIZE_BARS, r3, searchBars, SEARCH_REGRET_BAR } from "../../src/experiments/bars.js";
import type { EvolutionCurve, SearchProtocolRow } from "../../src/experiments/search-protocol.js";
import type { FrontMetrics } from "../../src/stats/front-metrics.js";

const summary = (target: string, k: number, srccAfter: number, method = "proxy-ensemble-bagged"): ProtocolSummary => ({ target, k, method: method as ProtocolSummary["method"], seeds: 10, srccBefore: 0.7, srccAfter, srccUnmeasured: srccAfter, msPerCall: 1 });
const metrics = (regret: number): FrontMetrics => ({ size: 1, hvRatio: 1, regret, regretAt: [regret], precision: 1, recall: 1, igd: 0 });
const row = (target: string, regret: number, measurements = 100): SearchProtocolRow => ({ accuracy: "cifar10", target, seeds: 1, adaptedShare: 1, srccMeasured: 0.8, proxyFront: metrics(1), proxy: metrics(0.5), adapted: metrics(regret), targetMeasurements: measurements, perDeviceMeasurements: 15625, frontSize: 10, msAdapt: 1, msProxySearch: 1 });

describe("adaptationBars", () => {
  it("judges OneProxy at K = 70 against the paper's row per target and at K = 20 by mean and minimum", () => {
    const targets = PROTOCOLS.oneproxy.targets;
    const s = [...targets.map((t) => summary(t, 70, 0.99)), ...targets.map((t, i) => summary(t, 20, i === 0 ? 0.8 : 0.95))];
    const lines = adaptationBars("oneproxy", s);
    expect(lines[0]).toBe(`bar: K=70, every target >= the paper's AdaProxy row: ${targets.length}/${targets.length} targets -> met`);
    expect(lines[1]).toMatch(/^bar: K=20, mean over targets >= 0.92: 0.941 -> met$/);
    expect(lines[2]).toBe(`bar: K=20, no target below ${ONEPROXY_K20_MIN_BAR}: min 0.8 -> missed`);
  });
  it("names the targets below the paper's row", () => {
    const s = PROTOCOLS.oneproxy.targets.map((t) => summary(t, 70, t === "rice_fpga" ? 0.5 : 0.99));
    expect(adaptationBars("oneproxy", s)[0]).toMatch(/15\/16 targets -> missed \(rice_fpga 0.5 < 0.99\)/);
  });
  it("judges HELP by its mean bars and prints HELP's own mean beside K = 10", () => {
    const s = PROTOCOLS.help.targets.flatMap((t) => HELP_MEAN_BARS.map(([k, bar]) => summary(t, k, bar - 0.001)));
    const lines = adaptationBars("help", s);
    expect(lines[0]).toBe("bar: K=10, mean over targets >= 0.95 (HELP: 0.932): 0.949 -> missed");
    expect(lines[1]).toBe("bar: K=20, mean over targets >= 0.965: 0.964 -> missed");
  });
});

describe("searchBars and ofaSearchBar", () => {
  it("report regret per target and the measurement budget, and NSGA-II's last checkpoint", () => {
    const curve: EvolutionCurve = { algorithm: "nsga2", checkpoints: [100, 2000], medianRegret: [0.5, 0.04], finalRegrets: [0.04], medianRecall: 0.6, medianHvRatio: 1, msPerRun: 1, batchesPerRun: 1 };
    const lines = searchBars([row("a", 0.05), row("b", 0.2, 101)], [curve], "x");
    expect(lines).toEqual([
      `bar: cifar10 (x), adapted set mean regret <= ${SEARCH_REGRET_BAR} points on every target: 1/2 targets -> missed (b 0.2)`,
      "bar: cifar10 (x), K + set <= 100 target measurements: max 101 -> missed",
      "bar: NSGA-II within 2000 evaluations, median regret <= 0.05 points: 0.04 -> met",
    ]);
    expect(ofaSearchBar([row("v100_1", 0.01)], "one proxy")).toMatch(/1\/1 -> met$/);
  });
  it("rounds to 3 decimals", () => {
    expect(r3(0.91749)).toBe(0.917);
    expect(r3(0.9175)).toBe(0.918);
  });
});

describe("dissimilarOptimizeBars", () => {
  it("judges the pooled dissimilar-split answers by the optimizer's regret and over-budget bars", () => {
    const [regret, over] = dissimilarOptimizeBars({ regret: 0.186, violations: 0.157, answers: 999 });
    expect(regret).toContain(`mean regret <= ${OPTIMIZE_BARS.regret} points: 0.186 -> met`);
    expect(over).toContain("15.7 % of 999 -> missed");
    const strict = dissimilarOptimizeBars({ regret: 0.31, violations: 0.05, answers: 10 });
    expect(strict[0]).toMatch(/0\.310 -> missed$/);
    expect(strict[1]).toMatch(/5\.0 % of 10 -> met$/);
  });
});
