import { describe, expect, it } from "vitest";
import { describeFigure, figure, isFigure } from "../../src/viz/figure.js";

describe("figure", () => {
  it("copies its inputs and tags the result", () => {
    const data = [{ type: "bar", y: [1, 2] }];
    const layout = { title: { text: "T" } };
    const f = figure(data, layout, { name: "bars" });
    expect(isFigure(f)).toBe(true);
    expect(f.data).not.toBe(data);
    expect(f.layout).not.toBe(layout);
    expect(f.name).toBe("bars");
    expect(data).toEqual([{ type: "bar", y: [1, 2] }]);
  });
  it("rejects non-object traces and unsafe names", () => {
    expect(() => figure([1 as never])).toThrowError(/data\[0\] must be a plotly trace object, got 1/);
    expect(() => figure([], {}, { name: "../x" })).toThrowError(/not file-name-safe/);
    expect(() => figure("x" as never)).toThrowError(/must be an array/);
  });
  it("describes title, traces and point counts", () => {
    expect(describeFigure(figure([{ type: "bar", y: [1, 2] }, { x: new Float64Array(3) }], { title: "T" }))).toBe('Figure "T": bar (2 points), scatter (3 points)');
    expect(describeFigure(figure([]))).toBe("Figure: no traces");
  });
});
