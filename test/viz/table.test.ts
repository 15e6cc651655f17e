import { describe, expect, it } from "vitest";
import { formatCell, tableView, tableHtml, tableText } from "../../src/viz/table.js";
import { LatencyTable } from "../../src/data/latency-table.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";

describe("table", () => {
  it("builds columns from records in first-seen order", () => {
    const v = tableView([{ a: 1, b: "x" }, { c: true, a: 2 }]);
    expect(v.columns).toEqual(["a", "b", "c"]);
    expect(v.rows).toEqual([[1, "x", undefined], [2, undefined, true]]);
  });
  it("checks row lengths and cell types", () => {
    expect(() => tableView({ columns: ["a", "b"], rows: [[1]] })).toThrowError(/row 0 has 1 cells, expected 2/);
    expect(() => tableView([{ a: {} as never }])).toThrowError(/cell \(row 0, column "a"\) is a object/);
  });
  it("formats cells with one rule", () => {
    expect(formatCell(0.690512)).toBe("0.6905");
    expect(formatCell(3)).toBe("3");
    expect(formatCell(2.5)).toBe("2.5");
    expect(formatCell(Number.NaN)).toBe("NaN");
    expect(formatCell(1.5e-5)).toBe("0.000015");
    expect(formatCell(6.438e-4)).toBe("0.0006438");
    expect(formatCell(1.23456e-7)).toBe("0.0000001235");
    expect(formatCell(31.7602)).toBe("31.76");
    expect(formatCell(-0.0123456)).toBe("-0.01235");
    expect(formatCell(12345.678)).toBe("12346");
    expect(formatCell(null)).toBe("");
  });
  it("renders escaped HTML and aligned text", () => {
    const v = tableView([{ name: "<b>", ms: 1.25 }], { caption: "c" });
    const html = tableHtml(v);
    expect(html).toContain("<caption>c</caption>");
    expect(html).toContain("<td>&lt;b&gt;</td>");
    expect(html).toContain('<td style="text-align:right">1.25</td>');
    expect(tableText(tableView([{ a: 1, bb: "x" }]))).toBe("a  bb\n-  --\n1  x");
  });
});

describe("table of a LatencyTable", () => {
  const archs = nb201Enumerate().slice(0, 5).map(nb201Format);
  const t = LatencyTable.create({
    space: "nb201",
    archs,
    indices: [10, 11, 12, 13, 14],
    devices: [
      { info: { name: "d1", source: "t" }, values: [1, 2, -1, 4, 5] },
      { info: { name: "d2", source: "t" }, values: [5, 4, 3, 2, 1] },
    ],
    accuracies: { cifar10: [90, 91, 92, 93, 94] },
    source: "small",
  });
  it("shows the first rows with index, arch, devices and acc: columns, and says how many are left out", () => {
    const v = tableView(t, { maxRows: 2 });
    expect(v.columns).toEqual(["index", "arch", "d1", "d2", "acc:cifar10"]);
    expect(v.rows).toEqual([
      [10, archs[0], 1, 5, 90],
      [11, archs[1], 2, 4, 91],
    ]);
    expect(v.caption).toBe("small: 5 architectures (nb201) x 2 devices, 1 accuracies; first 2 rows");
  });
  it("shows missing values as NaN and every row when maxRows allows", () => {
    const v = tableView(t, { maxRows: 10 });
    expect(v.rows).toHaveLength(5);
    expect(Number.isNaN(v.rows[2]?.[2] as number)).toBe(true);
    expect(v.caption).toBe("small: 5 architectures (nb201) x 2 devices, 1 accuracies");
  });
});
