import { describe, expect, it } from "vitest";
import { loadReferenceArchitectures } from "../../src/data/load-help.js";
import { loadTable } from "../../src/data/load.js";
import { deviceMap } from "../../src/scale/device-map.js";
import { deviceMapFigure } from "../../src/viz/device-map-figure.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("deviceMap", () => {
  it("places HELP's devices so that a device's own vector projects onto its point, speed does not move it, and GPUs sit apart from phones", async () => {
    const help = await loadTable("help-nb201", { mirror: mirrorDir() });
    const refs = await loadReferenceArchitectures("help-nb201", { mirror: mirrorDir() });
    const map = deviceMap(help, refs);
    expect(map.points).toHaveLength(27);
    expect(map.leftOut).toEqual([]);
    expect(map.explained[0]).toBeGreaterThan(map.explained[1]);
    expect(map.explained[0] + map.explained[1]).toBeLessThanOrEqual(1 + 1e-9);
    const pixel2 = help.latency("pixel2");
    const own = map.points.find((p) => p.device === "pixel2");
    const twiceAsSlow = map.project("slow pixel2", refs.map((r) => 2 * (pixel2[r] as number)));
    expect(twiceAsSlow.x).toBeCloseTo(own?.x as number, 9);
    expect(twiceAsSlow.y).toBeCloseTo(own?.y as number, 9);
    const dist = (a: string, b: string) => {
      const p = map.points.find((q) => q.device === a) as { x: number; y: number };
      const q = map.points.find((q2) => q2.device === b) as { x: number; y: number };
      return Math.hypot(p.x - q.x, p.y - q.y);
    };
    expect(dist("1080ti_32", "titanx_32")).toBeLessThan(dist("1080ti_32", "pixel3"));
    const fig = deviceMapFigure(map, [twiceAsSlow]);
    expect(fig.data.length).toBeGreaterThan(2);
    const withSynth = deviceMapFigure(map, [twiceAsSlow], { synthetic: [map.project("synthetic-a", refs.map((r) => 3 * (pixel2[r] as number))), { ...twiceAsSlow, device: "synthetic-b" }] });
    expect(withSynth.data).toHaveLength(fig.data.length + 1);
    expect((withSynth.data[0] as { name: string; x: number[] }).name).toBe("synthetic (operator costs)");
    expect((withSynth.data[0] as { x: number[] }).x).toHaveLength(2);
    expect(() => map.project("x", [1, 2])).toThrowError(/2 latencies for 10 reference rows/);
  });
  it("leaves out, and names, devices without every reference latency", async () => {
    const op = await loadTable("oneproxy-nb201", { mirror: mirrorDir() });
    const refs = [0, 10, 20, 30, 40];
    const map = deviceMap(op, refs);
    const lacking = op.deviceNames.filter((d) => refs.some((r) => Number.isNaN(op.latencyView(d)[r] as number)));
    expect(map.leftOut).toEqual(lacking);
    expect(map.points.length + lacking.length).toBe(op.deviceNames.length);
    expect(() => deviceMap(op, refs, ["true_vpu"])).toThrowError(/need at least 3/);
  });
});
