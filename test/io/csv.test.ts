import { describe, expect, it } from "vitest";
import { formatCsv, parseCsv } from "../../src/io/csv.js";

describe("CSV", () => {
  it("parses quotes, doubled quotes, CRLF, empty fields and a BOM", () => {
    expect(parseCsv('\ufeffa,b,c\r\n1,"x,""y""",\r\n"",2,"line\nbreak"\n')).toEqual([["a", "b", "c"], ["1", 'x,"y"', ""], ["", "2", "line\nbreak"]]);
  });
  it("round-trips through formatCsv", () => {
    const rows = [["a", "b"], ['he said "hi"', "1,2"], ["", "x\ny"]];
    expect(parseCsv(formatCsv(rows))).toEqual(rows);
  });
  it("names file and line for broken input", () => {
    expect(() => parseCsv('a\n"open', "f.csv")).toThrowError(/f\.csv: line 2: a quoted field is never closed/);
    expect(() => parseCsv('a\nx"y\n', "f.csv")).toThrowError(/f\.csv: line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('a\n"x"y\n', "f.csv")).toThrowError(/f\.csv: line 2: characters after a closing quote/);
    expect(() => parseCsv("a,b\n1\n", "f.csv")).toThrowError(/f\.csv: line 2: 1 fields, the header has 2/);
  });
});

describe("parseCsv line numbers and trailing blank lines", () => {
  it("accepts blank lines at the end, and names the line a record starts on (a quoted field may span lines)", () => {
    expect(parseCsv("a,b\n1,2\n\n\n")).toEqual([["a", "b"], ["1", "2"]]);
    expect(() => parseCsv('a,b\n"x\ny",1\n3\n', "q.csv")).toThrowError(/q\.csv: line 4: 1 fields, the header has 2/);
  });
});
