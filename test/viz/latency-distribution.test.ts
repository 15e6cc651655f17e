import { describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";
import { latencyDistributionFigure, logTicks } from "../../src/viz/latency-distribution.js";

describe("latencyDistributionFigure", () => {
  const archs = nb201Enumerate().slice(0, 101).map(nb201Format);
  const t = LatencyTable.create({
    space: "nb201",
    archs,
    devices: [
      { info: { name: "slow", source: "t" }, values: archs.map((_, i) => 100 + i) },
      { info: { name: "fast", source: "t" }, values: archs.map((_, i) => (i === 0 ? -1 : i)) },
    ],
  });
  it("draws one box per device from its quantiles, ordered by median", () => {
    const f = latencyDistributionFigure(t, { name: "dist" });
    const box = f.data[0] as Record<string, number[] | string[]>;
    expect(box["x"]).toEqual(["fast", "slow"]);
    expect(box["median"]).toEqual([50.5, 150]);
    expect(box["q1"]?.[1]).toBe(125);
    expect(box["text"]).toEqual(["100 valid of 101", "101 valid of 101"]);
    expect(f.name).toBe("dist");
    expect((f.layout["yaxis"] as { type: string }).type).toBe("log");
  });
  it("keeps a given device order and labels", () => {
    const f = latencyDistributionFigure(t, { devices: ["slow", "fast"], label: (d) => d.toUpperCase(), log: false });
    expect((f.data[0] as { x: string[] }).x).toEqual(["SLOW", "FAST"]);
  });
});

describe("logTicks", () => {
  it("labels 1-2-5 steps in full across the range", () => {
    expect(logTicks(0.8, 60)).toEqual({ tickvals: [0.5, 1, 2, 5, 10, 20, 50, 100], ticktext: ["0.5", "1", "2", "5", "10", "20", "50", "100"] });
  });
});
