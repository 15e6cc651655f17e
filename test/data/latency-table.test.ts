import { describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";

const A = nb201Enumerate().slice(0, 5).map(nb201Format);

function small(): LatencyTable {
  return LatencyTable.create({
    space: "nb201",
    archs: A,
    indices: [10, 11, 12, 13, 14],
    devices: [
      { info: { name: "d1", source: "t", batchSize: 1 }, values: [1, 2, -1, 4, Number.NaN] },
      { info: { name: "d2", source: "t" }, values: [5, 4, 3, 2, 1] },
    ],
    accuracies: { cifar10: [90, 91, Number.NaN, 93, 94] },
    source: "small",
  });
}

describe("LatencyTable.create", () => {
  it("turns -1 and NaN into NaN and counts them, without mutating inputs", () => {
    const values = [1, 2, -1, 4, Number.NaN];
    const t = LatencyTable.create({ space: "nb201", archs: A, devices: [{ info: { name: "d1", source: "t" }, values }] });
    expect(values).toEqual([1, 2, -1, 4, Number.NaN]);
    expect(Array.from(t.latency("d1"))).toEqual([1, 2, Number.NaN, 4, Number.NaN]);
    expect(t.missingCount("d1")).toEqual({ missing: 2, sentinels: 1 });
    expect(t.devices[0]).toEqual({ name: "d1", source: "t", unit: "ms" });
  });
  it("returns copies: writing to a column does not change the table", () => {
    const t = small();
    t.latency("d2")[0] = 999;
    t.indices()[0] = 999;
    expect(t.latency("d2")[0]).toBe(5);
    expect(t.indexAt(0)).toBe(10);
  });
  it("names file, device, row and arch for invalid values", () => {
    const mk = (values: number[]) => () => LatencyTable.create({ space: "nb201", archs: A, devices: [{ info: { name: "d", source: "s" }, values }], source: "f.csv" });
    expect(mk([1, 2, -3, 4, 5])).toThrowError(/f\.csv: device d, row 2 \(\|none~0\|.*\): latency -3 is not valid; valid: a finite value >= 0 ms, or -1 \/ NaN for missing/);
    expect(mk([1, 2, Infinity, 4, 5])).toThrowError(/latency Infinity is not valid/);
    expect(mk([1, 2, 3])).toThrowError(/device d has 3 values for 5 rows/);
    expect(() => LatencyTable.create({ space: "nb201", archs: [A[0] as string, A[0] as string], devices: [] })).toThrowError(/rows 0 and 1 hold the same architecture/);
    expect(() => LatencyTable.create({ space: "nb201", archs: ["|bogus~0|"], devices: [] , source: "x.csv" })).toThrowError(/x\.csv: row 0: nb201Parse/);
    expect(() => LatencyTable.create({ space: "nb201", archs: A, devices: [], accuracies: { c: [1, 2, 300, 4, 5] } })).toThrowError(/accuracy c, row 2 .*: 300 is outside 0..100/);
    expect(() => LatencyTable.create({ space: "nb201", archs: A, indices: [0, 1, 1, 2, 3], devices: [] })).toThrowError(/rows 1 and 2 have the same index 1/);
  });
  it("lists what exists when a column is unknown", () => {
    expect(() => small().latency("nope")).toThrowError(/device "nope" is not in small; devices: d1, d2/);
    expect(() => small().accuracy("imagenet")).toThrowError(/accuracies: cifar10/);
  });
});

describe("selection and joins", () => {
  it("selects devices and rows, keeping sentinel counts exact", () => {
    const t = small();
    const d = t.selectDevices(["d2", "d1"]);
    expect(d.deviceNames).toEqual(["d2", "d1"]);
    expect(d.missingCount("d1")).toEqual({ missing: 2, sentinels: 1 });
    const r = t.selectRows([4, 2, 0]);
    expect(Array.from(r.indices())).toEqual([14, 12, 10]);
    expect(r.archAt(0)).toBe(A[4]);
    expect(Array.from(r.latency("d2"))).toEqual([1, 3, 5]);
    expect(r.missingCount("d1")).toEqual({ missing: 2, sentinels: 1 });
    expect(t.selectRows([0, 1]).missingCount("d1")).toEqual({ missing: 0, sentinels: 0 });
    expect(() => t.selectRows([0, 0])).toThrowError(/row 0 is named twice/);
    expect(r.rowsInIndexOrder()).toEqual([2, 1, 0]);
    expect(() => t.selectRows([7])).toThrowError(/row 7 is outside 0..4/);
  });
  it("left-joins on the architecture with NaN where the other table lacks a row", () => {
    const t = small();
    const other = LatencyTable.create({ space: "nb201", archs: [A[3] as string, A[0] as string], devices: [{ info: { name: "d3", source: "o" }, values: [30, -1] }], source: "other" });
    const j = t.join(other);
    expect(j.deviceNames).toEqual(["d1", "d2", "d3"]);
    expect(Array.from(j.latency("d3"))).toEqual([Number.NaN, Number.NaN, Number.NaN, 30, Number.NaN]);
    expect(j.missingCount("d3")).toEqual({ missing: 4, sentinels: 1 });
    expect(j.rows).toBe(5);
    expect(() => t.join(t)).toThrowError(/device d1 is in both tables/);
  });
});
