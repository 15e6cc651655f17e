import { describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";
import { median, medianSorted } from "../../src/stats/quantile.js";
import { tableSummary } from "../../src/stats/table-summary.js";

const A = nb201Enumerate().slice(0, 5).map(nb201Format);

describe("tableSummary", () => {
  it("summarises each column over valid values, counting -1 sentinels apart from NaN", () => {
    const t = LatencyTable.create({
      space: "nb201",
      archs: A,
      devices: [
        { info: { name: "d1", source: "t" }, values: [1, 2, -1, 4, Number.NaN] },
        { info: { name: "d2", source: "t" }, values: [5, 4, 3, 2, 1] },
      ],
      accuracies: { cifar10: [90, 91, Number.NaN, 93, 94] },
      source: "small",
    });
    const s = tableSummary(t);
    expect(s.map((c) => c.column)).toEqual(["d1", "d2", "cifar10"]);
    expect(s[0]).toEqual({ column: "d1", kind: "latency", valid: 3, missing: 2, sentinels: 1, min: 1, median: 2, mean: 7 / 3, max: 4 });
    expect(s[1]).toMatchObject({ valid: 5, missing: 0, median: 3 });
    expect(s[2]).toMatchObject({ column: "cifar10", kind: "accuracy", valid: 4, missing: 1, median: 92 });
  });
  it("gives NaN statistics, not zeros, for a column with no valid value", () => {
    const t = LatencyTable.create({ space: "nb201", archs: A.slice(0, 2), devices: [{ info: { name: "d", source: "t" }, values: [-1, Number.NaN] }] });
    const [s] = tableSummary(t);
    expect(s?.valid).toBe(0);
    for (const k of ["min", "median", "mean", "max"] as const) expect(Number.isNaN(s?.[k] as number)).toBe(true);
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones; NaN ignored; NaN when empty", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, Number.NaN, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([Number.NaN]))).toBe(true);
    expect(medianSorted([1, 2, 3, 4])).toBe(2.5);
    expect(Number.isNaN(medianSorted([]))).toBe(true);
  });
  it("does not depend on the order of the values, and does not modify them", () => {
    const v = [5, 1, 4, 2, 3, 9];
    expect(median(v)).toBe(median([...v].reverse()));
    expect(v).toEqual([5, 1, 4, 2, 3, 9]);
  });
});
