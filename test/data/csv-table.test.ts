import { describe, expect, it } from "vitest";
import { tableFromCsv, tableToCsv } from "../../src/data/csv-table.js";
import { LatencyTable } from "../../src/data/latency-table.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";

const A = nb201Enumerate().slice(100, 104).map(nb201Format);

describe("wide CSV", () => {
  it("exports index,arch,devices,acc: in index order and round-trips exactly", () => {
    const t = LatencyTable.create({
      space: "nb201",
      archs: [A[2], A[0], A[1], A[3]] as string[],
      indices: [7, 3, 5, 9],
      devices: [{ info: { name: "pixel3", source: "x" }, values: [0.1 + 0.2, 1e-7, -1, 12345.678901234] }],
      accuracies: { cifar10: [91.5, Number.NaN, 90, 89.25] },
    });
    const csv = tableToCsv(t);
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toBe("index,arch,pixel3,acc:cifar10");
    expect(lines[1]).toBe(`3,${A[0]},1e-7,`);
    expect(lines[2]).toBe(`5,${A[1]},,90`);
    const back = tableFromCsv(csv, { space: "nb201", file: "t.csv" });
    expect(tableToCsv(back)).toBe(csv);
    expect(back.latency("pixel3")[2]).toBe(0.1 + 0.2);
    expect(back.missingCount("pixel3")).toEqual({ missing: 1, sentinels: 0 });
  });
  it("numbers rows from 0 without an index column, and treats -1 as the missing sentinel", () => {
    const t = tableFromCsv(`arch,dev\n${A[0]},-1\n${A[1]},2.5\n`, { space: "nb201", file: "u.csv" });
    expect(Array.from(t.indices())).toEqual([0, 1]);
    expect(t.missingCount("dev")).toEqual({ missing: 1, sentinels: 1 });
  });
  it("names file, line and column for bad cells", () => {
    expect(() => tableFromCsv(`arch,dev\n${A[0]},fast\n`, { space: "nb201", file: "bad.csv" })).toThrowError(/bad\.csv: line 2, column dev: "fast" is not a number/);
    expect(() => tableFromCsv("index,dev\n0,1\n", { space: "nb201", file: "noarch.csv" })).toThrowError(/noarch\.csv: no "arch" column/);
    expect(() => tableFromCsv(`arch,dev\n${A[0]}\n`, { space: "nb201", file: "short.csv" })).toThrowError(/short\.csv: line 2: 1 fields, the header has 2/);
    expect(() => tableFromCsv(`arch,dev\n"${A[0]},1\n`, { space: "nb201", file: "q.csv" })).toThrowError(/q\.csv: line 2: a quoted field is never closed/);
    expect(() => tableFromCsv(`index,arch,dev\nx,${A[0]},1\n`, { space: "nb201", file: "i.csv" })).toThrowError(/i\.csv: line 2, column index: "x" is not an integer in 0\.\.2147483647/);
  });
});

describe("tableFromCsv on hostile columns and indices", () => {
  const A = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
  it("a column named acc:__proto__ is not lost: it is refused by name", () => {
    expect(() => tableFromCsv(`arch,d,acc:__proto__\n${A},1,90\n`, { space: "nb201" })).toThrowError(/__proto__/);
  });
  it("an index beyond 32 bits is an error, not a wrapped number", () => {
    expect(() => tableFromCsv(`index,arch,d\n3000000000,${A},1\n`, { space: "nb201" })).toThrowError(/line 2, column index: "3000000000" is not an integer in 0\.\.2147483647/);
  });
});
