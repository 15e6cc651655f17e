import { describe, expect, it } from "vitest";
import { renderMarkdown, renderText, type ReportBlock } from "../../src/experiments/eval-report.js";
import { tableView } from "../../src/viz/table.js";

const blocks: ReportBlock[] = [
  { kind: "heading", text: "protocol help: 6 targets" },
  { kind: "table", view: tableView([{ target: "pixel2", srcc: 0.9615 }]) },
  { kind: "lines", lines: ["bar: K=10 -> met", "time: 1.0 s"] },
  { kind: "paragraph", text: "the estimate:" },
  { kind: "pre", text: "backend wasm" },
];

describe("the eval report", () => {
  it("renders as the text proxynas eval prints: headings after a blank line, aligned tables, one line each", () => {
    expect(renderText(blocks)).toBe("\n== protocol help: 6 targets\ntarget  srcc\n------  ------\npixel2  0.9615\nbar: K=10 -> met\ntime: 1.0 s\n\nthe estimate:\nbackend wasm\n");
  });
  it("renders the same blocks as Markdown: ### headings, pipe tables, lines as a list", () => {
    expect(renderMarkdown(blocks)).toBe("\n### protocol help: 6 targets\n\n| target | srcc |\n| --- | --- |\n| pixel2 | 0.9615 |\n\n- bar: K=10 -> met\n- time: 1.0 s\n\nthe estimate:\n\n```\nbackend wasm\n```\n");
  });
  it("escapes pipes in Markdown cells", () => {
    expect(renderMarkdown([{ kind: "table", view: tableView([{ arch: "|none~0|" }]) }])).toContain("| \\|none~0\\| |");
  });
});
