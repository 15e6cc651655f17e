import { describe, expect, it } from "vitest";
import { deviceFamily } from "../../src/data/devices.js";
import { LatencyTable } from "../../src/data/latency-table.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";
import { monotonicityMatrix } from "../../src/stats/monotonicity-matrix.js";
import { familyCorrelationFigure, monotonicityHeatmap, rankScatterFigure } from "../../src/viz/monotonicity-figures.js";

const archs = nb201Enumerate().slice(0, 60).map(nb201Format);
const t = LatencyTable.create({
  space: "nb201",
  archs,
  devices: [
    { info: { name: "pixel3", source: "t" }, values: archs.map((_, i) => i + 1) },
    { info: { name: "raspi4", source: "t" }, values: archs.map((_, i) => (i % 7) + i / 10) },
    { info: { name: "titan_rtx_1", source: "t" }, values: archs.map((_, i) => 60 - i) },
  ],
});

describe("monotonicity figures", () => {
  it("heatmap: fixed colour range, values annotated, NaN as null, labels applied", () => {
    const m = monotonicityMatrix(t);
    const f = monotonicityHeatmap(m, { order: "given", scale: "unit", label: (d) => d.toUpperCase() });
    const h = f.data[0] as { z: (number | null)[][]; x: string[]; zmin: number; zmax: number; texttemplate: string };
    expect(h.x).toEqual(["PIXEL3", "RASPI4", "TITAN_RTX_1"]);
    expect([h.zmin, h.zmax]).toEqual([0, 1]);
    expect(h.z[0]?.[2]).toBeCloseTo(-1, 12);
    expect(h.texttemplate).toBe("%{z:.2f}");
    // one sequential scale on [0, 1] by default; the diverging one on [-1, 1] when asked
    expect(monotonicityHeatmap(m).data[0]).toMatchObject({ zmin: 0, zmax: 1, colorscale: "Viridis" });
    expect(monotonicityHeatmap(m, { scale: "signed" }).data[0]).toMatchObject({ zmin: -1, zmax: 1, zmid: 0, colorscale: "RdBu" });
    expect(() => monotonicityHeatmap(m, { scale: "log" as never })).toThrowError(/valid: signed, unit/);
  });
  it("rank scatter: percentiles of ranks, SRCC over all rows in the title, seeded sampling", () => {
    const f = rankScatterFigure(t, "pixel3", "titan_rtx_1");
    const s = f.data[0] as { x: number[]; y: number[] };
    expect(s.x[0]).toBe(0);
    expect(s.y[0]).toBe(100);
    expect(String((f.layout["title"] as { text: string }).text)).toMatch(/SRCC -1\.000 over 60 architectures/);
    const a = rankScatterFigure(t, "pixel3", "raspi4", { maxPoints: 10, seed: 3 });
    expect((a.data[0] as { x: number[] }).x).toHaveLength(10);
    expect(a.data).toEqual(rankScatterFigure(t, "pixel3", "raspi4", { maxPoints: 10, seed: 3 }).data);
  });
  it("family figure groups pairs by hardware family", () => {
    expect(deviceFamily("titan_rtx_256")).toBe("desktop GPU");
    expect(deviceFamily("true_vpu")).toBe("accelerator");
    expect(deviceFamily("my_phone")).toBeUndefined();
    const f = familyCorrelationFigure(monotonicityMatrix(t));
    const [same, other] = f.data as { x: string[] }[];
    expect(same?.x).toEqual([]);
    expect(other?.x).toHaveLength(6);
  });
});
