import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { displayBundle } from "../../src/notebook/bundle.js";
import { headline } from "../../src/notebook/headline.js";
import { readNotebookOutputs } from "../../src/notebook/outputs.js";
import { renderReport } from "../../src/notebook/report.js";
import { runtimeReport } from "../../src/runtime/report.js";
import { figure } from "../../src/viz/figure.js";

function notebookWith(outputs: unknown[][]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-"));
  const file = path.join(dir, "07-demo.ipynb");
  writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: outputs.map((o) => ({ cell_type: "code", source: "", metadata: {}, outputs: o })) }));
  return file;
}
const display = (v: unknown) => ({ output_type: "display_data", ...displayBundle(v, { includeLibrary: false, id: "x" }) });

describe("readNotebookOutputs", () => {
  it("finds figures (named, unnamed, duplicate names), headlines and errors in order", () => {
    const file = notebookWith([
      [display(figure([{ y: [1] }], {}, { name: "lat" }))],
      [display(headline("n", 3)), display(figure([{ y: [2] }]))],
      [display(figure([{ y: [3] }], {}, { name: "lat" })), { output_type: "error", ename: "TypeError", evalue: "boom", traceback: [] }],
    ]);
    const o = readNotebookOutputs(file);
    expect(o.notebook).toBe("07-demo");
    expect(o.figures.map((f) => f.name)).toEqual(["07-demo--lat", "07-demo--fig2", "07-demo--lat-2"]);
    expect(o.figures[1]?.figure.data).toEqual([{ y: [2] }]);
    expect(o.headlines).toEqual([headline("n", 3)]);
    expect(o.errors).toEqual([{ cell: 3, ename: "TypeError", evalue: "boom" }]);
  });
  it("names the file when it is not a notebook", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-"));
    const bad = path.join(dir, "bad.ipynb");
    writeFileSync(bad, "{not json");
    expect(() => readNotebookOutputs(bad)).toThrowError(new RegExp(`${bad.replace(/[.]/g, "\\.")} is not a readable notebook`));
    writeFileSync(bad, "{}");
    expect(() => readNotebookOutputs(bad)).toThrowError(/has no "cells" list/);
  });
});

describe("renderReport", () => {
  it("lists runtime, notebooks, headlines and figures", async () => {
    const file = notebookWith([[display(headline("devices", 27)), display(figure([{ y: [1] }], {}, { name: "a" }))]]);
    const outputs = readNotebookOutputs(file);
    const md = renderReport(await runtimeReport("wasm"), [{ outputs, seconds: 1.25, figureFiles: ["figures/07-demo--a.svg", "figures/07-demo--a.png"] }], "npm run main", new Date(0));
    expect(md).toContain("Generated 1970-01-01T00:00:00.000Z by `npm run main`.");
    expect(md).toContain("| 07-demo | 1.3 | 1 | 1 |");
    expect(md).toContain("- devices: 27");
    expect(md).toContain("![figures/07-demo--a.svg](figures/07-demo--a.svg)");
    expect(md).toMatch(/backend\s+wasm \(pinned by option/);
  });
});
