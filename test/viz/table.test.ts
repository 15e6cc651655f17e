import { describe, expect, it } from "vitest";
import { formatCell, table, tableHtml, tableText } from "../../src/viz/table.js";

describe("table", () => {
  it("builds columns from records in first-seen order", () => {
    const v = table([{ a: 1, b: "x" }, { c: true, a: 2 }]);
    expect(v.columns).toEqual(["a", "b", "c"]);
    expect(v.rows).toEqual([[1, "x", undefined], [2, undefined, true]]);
  });
  it("checks row lengths and cell types", () => {
    expect(() => table({ columns: ["a", "b"], rows: [[1]] })).toThrowError(/row 0 has 1 cells, expected 2/);
    expect(() => table([{ a: {} as never }])).toThrowError(/cell \(row 0, column "a"\) is a object/);
  });
  it("formats cells with one rule", () => {
    expect(formatCell(0.690512)).toBe("0.6905");
    expect(formatCell(3)).toBe("3");
    expect(formatCell(2.5)).toBe("2.5");
    expect(formatCell(Number.NaN)).toBe("NaN");
    expect(formatCell(1.5e-5)).toBe("1.500e-5");
    expect(formatCell(null)).toBe("");
  });
  it("renders escaped HTML and aligned text", () => {
    const v = table([{ name: "<b>", ms: 1.25 }], { caption: "c" });
    const html = tableHtml(v);
    expect(html).toContain("<caption>c</caption>");
    expect(html).toContain("<td>&lt;b&gt;</td>");
    expect(html).toContain('<td style="text-align:right">1.25</td>');
    expect(tableText(table([{ a: 1, bb: "x" }]))).toBe("a  bb\n-  --\n1  x");
  });
});
