import { describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { rowSpread } from "../../src/experiments/row-spread.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";

describe("rowSpread", () => {
  // 4 architectures: 0, 1, 2 and 6 `none` edges
  const all = nb201Enumerate().map(nb201Format);
  const pick = (nones: number) => all.find((a) => (a.match(/none~/g) ?? []).length === nones) as string;
  const archs = [pick(0), pick(1), pick(2), pick(6)];
  const table = LatencyTable.create({ source: "toy.csv", space: "nb201", archs, devices: [{ info: { name: "d", source: "t" }, values: [1, 2, 4, 8] }] });

  it("gives the none share and the log sd of the subset and of all rows", () => {
    const s = rowSpread(table, archs.slice(0, 2), ["d"]);
    expect(s.noneShareRows).toBeCloseTo(1 / 12, 12);
    expect(s.noneShareAll).toBeCloseTo(9 / 24, 12);
    expect(s.logSdRows).toBeCloseTo(Math.LN2 / Math.sqrt(2), 12);
    const logs = [0, 1, 2, 3].map((k) => k * Math.LN2);
    const m = logs.reduce((a, b) => a + b, 0) / 4;
    expect(s.logSdAll).toBeCloseTo(Math.sqrt(logs.reduce((a, b) => a + (b - m) ** 2, 0) / 3), 12);
  });

  it("names bad input", () => {
    expect(() => rowSpread(table, archs, [])).toThrowError(/no device/);
    expect(() => rowSpread(table, [archs[0] as string], ["d"])).toThrowError(/1 architectures; need at least 2/);
    expect(() => rowSpread(table, [archs[0] as string, "|bogus~0|"], ["d"])).toThrowError(/not in toy.csv|bogus/);
    expect(() => rowSpread(table, [archs[0] as string, pick(3)], ["d"])).toThrowError(/rowSpread: architecture .* is not in toy.csv/);
    expect(() => rowSpread(table, archs, ["nope"])).toThrowError(/nope/);
    const bad = LatencyTable.create({ source: "bad.csv", space: "nb201", archs, devices: [{ info: { name: "d", source: "t" }, values: [1, 0, 4, 8] }] });
    expect(() => rowSpread(bad, archs, ["d"])).toThrowError(/latency 0 at row 1 of bad.csv/);
  });
});
