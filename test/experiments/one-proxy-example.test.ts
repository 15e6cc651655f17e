import { describe, expect, it } from "vitest";
import { adaptContext } from "../../src/adapt/adapt.js";
import { loadTable } from "../../src/data/load.js";
import { oneProxyExample } from "../../src/experiments/one-proxy-example.js";
import { searchProtocolTable } from "../../src/experiments/search-table.js";
import type { SearchProtocolRow } from "../../src/experiments/search-protocol.js";
import { oneProxySearch, scoreOneProxy } from "../../src/search/one-proxy.js";
import type { FrontMetrics } from "../../src/stats/front-metrics.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("oneProxyExample", () => {
  it("runs the pipeline once and returns its figure and the scores of the same run", async () => {
    const t = (await loadTable("help-nb201", { mirror: mirrorDir() })).join(await loadTable("nb201-accuracy", { mirror: mirrorDir() }));
    const ctx = adaptContext(t, ["pixel3"]);
    const acc = t.accuracy("cifar10");
    const lat = t.latency("pixel2");
    const ex = oneProxyExample(ctx, acc, lat, { target: "pixel2", seed: 0, label: (d) => d.toUpperCase(), name: "p" });
    const r = oneProxySearch(ctx, acc, (row) => lat[row] as number, { target: "pixel2", seed: 0 });
    const s = scoreOneProxy(r, lat, acc);
    expect(ex.row).toEqual({ target: "PIXEL2", "SRCC on K": r.srccMeasured, adapted: r.adapted, "regret proxy front": s.proxyFront.regret, "regret proxy set": s.proxy.regret, "regret pipeline set": s.adapted.regret, "recall pipeline set": s.adapted.recall, "target measurements": r.targetMeasurements });
    expect(ex.figure.name).toBe("p");
    expect((ex.figure.layout["title"] as { text: string }).text).toContain("pixel3 as proxy, target PIXEL2");
  }, 60_000);
});

describe("searchProtocolTable", () => {
  it("one row per target with the proxy front's and the pipeline's metrics", () => {
    const m = (regret: number, recall: number): FrontMetrics => ({ size: 1, hvRatio: 0.9, regret, regretAt: [regret], precision: 1, recall, igd: 0 });
    const row = { accuracy: "cifar10", target: "pixel2", seeds: 1, adaptedShare: 1, srccMeasured: 0.7, proxyFront: m(0.7, 0.1), proxy: m(0.3, 0.2), adapted: m(0.05, 0.6), targetMeasurements: 100, perDeviceMeasurements: 15625, frontSize: 14, msAdapt: 1, msProxySearch: 1 } satisfies SearchProtocolRow;
    const v = searchProtocolTable([row], (d) => d.toUpperCase(), { caption: "c" });
    expect(v.columns.slice(0, 5)).toEqual(["target", "SRCC on K", "adapted (share of seeds)", "regret proxy front", "regret pipeline"]);
    expect(v.rows[0]?.slice(0, 5)).toEqual(["PIXEL2", 0.7, 1, 0.7, 0.05]);
    expect(v.caption).toBe("c");
  });
});
