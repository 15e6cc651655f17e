import { describe, expect, it } from "vitest";
import { paretoSetsFigure } from "../../src/viz/pareto-sets-figure.js";

describe("paretoSetsFigure", () => {
  it("Pareto figure: all rows grey, the front sorted by latency, sets at their true values, NaN rows left out", () => {
    const lat = [3, 1, 2, Number.NaN];
    const acc = [90, 70, 80, 99];
    const f = paretoSetsFigure({ latency: lat, accuracy: acc, targetFront: [0, 1, 2], proxySet: [1, 3], pipelineSet: [0, 2], measured: [2] }, { name: "p" });
    const d = f.data as { name: string; x: number[]; y: number[] }[];
    expect(d.map((t) => t.name)).toEqual(["all architectures", "true target front", "proxy set (2)", "pipeline set (2)", "measured K (1)"]);
    expect(d[0]?.x).toEqual([3, 1, 2]);
    expect(d[1]?.x).toEqual([1, 2, 3]);
    expect(d[2]?.y).toEqual([70]);
    expect(d[3]?.y).toEqual([90, 80]);
    expect(f.name).toBe("p");
    // full width, the legend above the data, the cut accuracy axis stated
    expect(f.layout["width"]).toBeUndefined();
    expect(f.layout["legend"]).toMatchObject({ orientation: "h", yanchor: "bottom" });
    expect((f.layout["title"] as { text: string }).text).toContain("accuracy axis cut at 65.0 %");
    expect(f.layout["yaxis"]).toMatchObject({ range: [65, 91] });
  });
});
