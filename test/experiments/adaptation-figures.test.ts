import { describe, expect, it } from "vitest";
import { adaptationRowsFigure, hwNasBenchHeatmap, oneProxyPaperHeatmap, srccVsSamplesFigure } from "../../src/experiments/adaptation-figures.js";
import { HW_NAS_BENCH_PROXY, HW_NAS_BENCH_TARGETS, type AdaptedRow } from "../../src/experiments/adapted-row.js";
import { InvalidArgumentError } from "../../src/errors.js";
import type { MonotonicityMatrix } from "../../src/stats/monotonicity-matrix.js";
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
  it("the paper-form heatmap puts the proxy first, the paper's targets in its order, the adapted row on top, and outlines the proxy's row", () => {
    const targets = Object.keys(ONEPROXY_PAPER_VPU_ROW);
    // a matrix in another order, with one device the paper does not show: entry (i, j) = 1 - |i - j| / 100 in this order
    const devices = ["eagle_tpu", ...targets.slice().reverse(), "true_vpu"];
    const m: MonotonicityMatrix = { method: "spearman", devices, matrix: devices.map((_, i) => devices.map((__, j) => 1 - Math.abs(i - j) / 100)), pairs: devices.map(() => devices.map(() => 1999)) };
    const summary = targets.map((t, i) => s(t, 70, "proxy-ensemble-bagged", 0.9 + i / 1000));
    const f = oneProxyPaperHeatmap(m, summary, 70, (d) => d.toUpperCase(), { name: "paper" });
    const t = f.data[0] as { z: (number | null)[][]; x: string[]; y: string[] };
    expect(t.x).toEqual(["TRUE_VPU", ...targets.map((d) => d.toUpperCase()), "EAGLE_TPU"]);
    expect(t.y[0]).toBe("TRUE_VPU adapted, K=70");
    expect(t.y.slice(1)).toEqual(t.x);
    // top row: 1 for the proxy itself, the summary's value per target, nothing for the device the protocol does not adapt to
    expect(t.z[0]?.[0]).toBe(1);
    expect(t.z[0]?.[3]).toBeCloseTo(0.902, 12);
    expect(t.z[0]?.[17]).toBeNull();
    // the proxy's row is the matrix's true_vpu row, reordered: VPU vs eagle_tpu was |17 - 0| apart
    expect(t.z[1]?.[17]).toBeCloseTo(0.83, 12);
    expect(t.z[1]?.[1]).toBeCloseTo(1 - Math.abs(devices.length - 1 - devices.indexOf(targets[0] as string)) / 100, 12);
    const shapes = f.layout["shapes"] as { y0: number; y1: number; line: { color: string } }[];
    expect(shapes.find((x) => x.line.color === "red")).toMatchObject({ y0: 0.5, y1: 1.5 });
    expect(f.name).toBe("paper");
  });
  it("the paper-form heatmap names a missing target and a K the summary lacks", () => {
    const devices = ["true_vpu", "rice_fpga"];
    const m: MonotonicityMatrix = { method: "spearman", devices, matrix: [[1, 0.7], [0.7, 1]], pairs: [[1, 1], [1, 1]] };
    expect(() => oneProxyPaperHeatmap(m, [], 70)).toThrowError(/the matrix has no rice_edgegpu, rice_edgetpu/);
    expect(() => oneProxyPaperHeatmap(m, [], 70)).toThrowError(InvalidArgumentError);
    const all = Object.keys(ONEPROXY_PAPER_VPU_ROW);
    const full: MonotonicityMatrix = { method: "spearman", devices: ["true_vpu", ...all], matrix: [0, ...all].map(() => [0, ...all].map(() => 1)), pairs: [0, ...all].map(() => [0, ...all].map(() => 1)) };
    expect(() => oneProxyPaperHeatmap(full, [s("rice_fpga", 20, "proxy-ensemble-bagged", 0.9)], 70)).toThrowError(/no proxy-ensemble-bagged run at K = 70 for rice_edgegpu; Ks in it: 20/);
  });
  it("the HW-NAS-Bench heatmap puts Pixel 3 first, the five targets in order, its adapted row on top and its own row outlined", () => {
    const devices = ["eagle_gtx", ...HW_NAS_BENCH_TARGETS, HW_NAS_BENCH_PROXY];
    const m: MonotonicityMatrix = { method: "spearman", devices, matrix: devices.map((_, i) => devices.map((_, j) => (i === j ? 1 : 0.5 + (i + j) / 100))), pairs: devices.map(() => devices.map(() => 1)) };
    const row: AdaptedRow = { proxy: HW_NAS_BENCH_PROXY, method: "proxy-ensemble-bagged", k: 70, seeds: 3, before: {}, srcc: Object.fromEntries(HW_NAS_BENCH_TARGETS.map((t, i) => [t, 0.9 + i / 100])) };
    const f = hwNasBenchHeatmap(m, row, (d) => d.toUpperCase(), { name: "hw" });
    const t = f.data[0] as { z: (number | null)[][]; x: string[]; y: string[] };
    expect(t.x).toEqual([HW_NAS_BENCH_PROXY, ...HW_NAS_BENCH_TARGETS].map((d) => d.toUpperCase()));
    expect(t.y[0]).toBe("RICE_PIXEL3 adapted, K=70");
    [1, 0.9, 0.91, 0.92, 0.93, 0.94].forEach((v, i) => expect(t.z[0]?.[i]).toBeCloseTo(v, 12));
    // row 1 is the proxy's matrix row: pixel3 (index 6) against rice_edgegpu (index 1)
    expect(t.z[1]?.[1]).toBeCloseTo(0.57, 12);
    expect((f.layout["shapes"] as { y0: number }[])[0]).toMatchObject({ y0: 0.5, y1: 1.5 });
    expect(f.name).toBe("hw");
    expect(() => hwNasBenchHeatmap({ ...m, devices: devices.slice(0, -1) }, row)).toThrowError(/the matrix has no rice_pixel3; give the matrix of oneproxy-nb201/);
    expect(() => hwNasBenchHeatmap(m, { ...row, srcc: {} })).toThrowError(/the adapted row has no rice_edgegpu, rice_edgetpu/);
  });
});
