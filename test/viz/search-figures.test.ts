import { describe, expect, it } from "vitest";
import type { SearchProtocolRow } from "../../src/search/search-protocol.js";
import type { FrontMetrics } from "../../src/stats/front-metrics.js";
import { evolutionCurveFigure, paretoSetsFigure, searchRegretFigure } from "../../src/viz/search-figures.js";

describe("search figures", () => {
  it("Pareto figure: all rows grey, the front sorted by latency, sets at their true values, NaN rows left out", () => {
    const lat = [3, 1, 2, Number.NaN];
    const acc = [90, 70, 80, 99];
    const f = paretoSetsFigure({ latency: lat, accuracy: acc, targetFront: [0, 1, 2], proxySet: [1, 3], adaptedSet: [0, 2], measured: [2] }, { name: "p" });
    const d = f.data as { name: string; x: number[]; y: number[] }[];
    expect(d.map((t) => t.name)).toEqual(["all architectures", "true target front", "proxy set (2)", "adapted set (2)", "measured K (1)"]);
    expect(d[0]?.x).toEqual([3, 1, 2]);
    expect(d[1]?.x).toEqual([1, 2, 3]);
    expect(d[2]?.y).toEqual([70]);
    expect(d[3]?.y).toEqual([90, 80]);
    expect(f.name).toBe("p");
  });
  it("regret bars per target with the bar line, and convergence lines per algorithm", () => {
    const m = (regret: number): FrontMetrics => ({ size: 1, hvRatio: 1, regret, regretAt: [regret], precision: 1, recall: 1, igd: 0 });
    const row = { accuracy: "cifar10", target: "pixel2", seeds: 1, adaptedShare: 1, srccMeasured: 0.7, proxyFront: m(0.7), proxy: m(0.3), adapted: m(0.05), targetMeasurements: 100, perDeviceMeasurements: 15625, frontSize: 14, msAdapt: 1, msProxySearch: 1 } satisfies SearchProtocolRow;
    const f = searchRegretFigure([row], (d) => d.toUpperCase());
    const d = f.data as { x: string[]; y: number[] }[];
    expect(d.map((t) => t.y[0])).toEqual([0.7, 0.3, 0.05, 0.1]);
    expect(d[0]?.x).toEqual(["PIXEL2"]);
    const c = evolutionCurveFigure([{ algorithm: "nsga2", checkpoints: [100, 200], medianRegret: [0.5, 0.1], finalRegrets: [0.1], medianRecall: 0.5, medianHvRatio: 1, msPerRun: 1, batchesPerRun: 2 }]);
    expect((c.data[0] as { y: number[] }).y).toEqual([0.5, 0.1]);
    expect((c.data[1] as { x: number[] }).x).toEqual([100, 200]);
  });
});
