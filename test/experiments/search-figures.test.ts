import { describe, expect, it } from "vitest";
import type { SearchProtocolRow } from "../../src/experiments/search-protocol.js";
import { evolutionCurveFigure, searchRegretFigure } from "../../src/experiments/search-figures.js";
import type { FrontMetrics } from "../../src/stats/front-metrics.js";

describe("search protocol figures", () => {
  it("regret as dots per target on a linear axis from zero, and convergence lines per algorithm", () => {
    const m = (regret: number): FrontMetrics => ({ size: 1, hvRatio: 1, regret, regretAt: [regret], precision: 1, recall: 1, igd: 0 });
    const row = { accuracy: "cifar10", target: "pixel2", seeds: 1, adaptedShare: 1, srccMeasured: 0.7, proxyFront: m(0.7), proxy: m(0.3), adapted: m(0.05), targetMeasurements: 100, perDeviceMeasurements: 15625, frontSize: 14, msAdapt: 1, msProxySearch: 1 } satisfies SearchProtocolRow;
    const f = searchRegretFigure([row], (d) => d.toUpperCase());
    const d = f.data as { x: string[]; y: number[] }[];
    expect(d.map((t) => t.y[0])).toEqual([0.7, 0.3, 0.05]);
    expect(d[0]?.x).toEqual(["PIXEL2"]);
    expect(f.data.every((t) => t["mode"] === "markers")).toBe(true);
    expect(f.layout["yaxis"]).toMatchObject({ rangemode: "tozero" });
    const c = evolutionCurveFigure([{ algorithm: "nsga2", checkpoints: [100, 200], medianRegret: [0.5, 0.1], finalRegrets: [0.1], medianRecall: 0.5, medianHvRatio: 1, msPerRun: 1, batchesPerRun: 2 }]);
    expect((c.data[0] as { y: number[] }).y).toEqual([0.5, 0.1]);
    expect((c.data[0] as { x: number[] }).x).toEqual([100, 200]);
    expect(c.data).toHaveLength(1);
  });
});
