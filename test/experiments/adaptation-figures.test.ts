import { describe, expect, it } from "vitest";
import { adaptationRowsFigure, srccVsSamplesFigure } from "../../src/experiments/adaptation-figures.js";
import { PROTOCOLS, type ProtocolSummary } from "../../src/experiments/adapt-protocols.js";
import { ONEPROXY_PAPER_VPU_ROW } from "../../src/experiments/published.js";

const s = (target: string, k: number, method: string, srccAfter: number): ProtocolSummary => ({ target, k, method: method as ProtocolSummary["method"], srccAfter, srccBefore: 0.5, srccUnmeasured: srccAfter, seeds: 3, msPerCall: 1 });

describe("adaptation figures", () => {
  it("the rows heatmap puts the paper's rows beside proxynas's, one column per OneProxy target (null where nothing was run)", () => {
    const f = adaptationRowsFigure([s("rice_fpga", 70, "proxy-ensemble-bagged", 0.995)], 70, (d) => d.toUpperCase(), { name: "rows" });
    const t = f.data[0] as { z: (number | null)[][]; x: string[]; y: string[] };
    const j = Object.keys(ONEPROXY_PAPER_VPU_ROW).indexOf("rice_fpga");
    expect(t.x[j]).toBe("RICE_FPGA");
    expect(t.y).toEqual(["Proxy (paper)", "Proxy (proxynas)", "AdaProxy (paper, 60+10)", "proxy-ensemble-bagged (proxynas, K=70)"]);
    expect(t.z[2]?.[j]).toBe(0.99);
    expect(t.z[3]?.[j]).toBe(0.995);
    expect(t.z[3]?.[(j + 1) % t.x.length]).toBeNull();
    expect(f.name).toBe("rows");
  });
  it("the K curve draws one line per method through its mean over targets, and the published mean as a mark", () => {
    const targets = PROTOCOLS.help.targets;
    const summary = targets.flatMap((t, i) => [s(t, 5, "proxy", 0.8), s(t, 10, "proxy", i % 2 ? 0.9 : 0.8)]);
    const f = srccVsSamplesFigure("help", summary);
    const [line, ref] = f.data as { x: number[]; y: number[]; name: string }[];
    expect(line?.x).toEqual([5, 10]);
    expect(line?.y[0]).toBeCloseTo(0.8, 12);
    expect(line?.y[1]).toBeCloseTo(0.85, 12);
    expect(ref?.x).toEqual([10]);
    expect(ref?.y[0]).toBeCloseTo(0.932, 3);
  });
});
