import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chromiumPath, exportFigures } from "../../src/viz/export.js";
import { figure } from "../../src/viz/figure.js";

describe("exportFigures", () => {
  it("writes SVG and PNG of each figure with one browser", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-export-"));
    const a = figure([{ type: "bar", x: ["a", "b"], y: [1, 2] }], { title: { text: "Alpha" } });
    const b = figure([{ type: "scatter", mode: "markers", x: new Float64Array([1, 2, 3]), y: [3, 1, 2] }], { width: 400, height: 300 });
    const files = await exportFigures([{ figure: a, basePath: path.join(dir, "a") }, { figure: b, basePath: path.join(dir, "sub", "b") }]);
    expect(files).toEqual([path.join(dir, "a.svg"), path.join(dir, "a.png"), path.join(dir, "sub", "b.svg"), path.join(dir, "sub", "b.png")]);
    const svg = readFileSync(path.join(dir, "a.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Alpha");
    const png = readFileSync(path.join(dir, "sub", "b.png"));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(800); // width 400 at scale 2
    expect(png.readUInt32BE(20)).toBe(600);
  });
  it("rejects an unknown format", async () => {
    await expect(exportFigures([], { formats: ["gif" as never] })).rejects.toThrowError(/invalid value "gif"; valid: svg, png/);
  });
  it("explains how to install Chromium when the configured path is missing", () => {
    const prev = process.env["PROXYNAS_CHROMIUM"];
    process.env["PROXYNAS_CHROMIUM"] = "/nonexistent/chromium";
    try {
      expect(() => chromiumPath()).toThrowError(/PROXYNAS_CHROMIUM=\/nonexistent\/chromium does not exist/);
    } finally {
      if (prev === undefined) delete process.env["PROXYNAS_CHROMIUM"];
      else process.env["PROXYNAS_CHROMIUM"] = prev;
    }
  });
});
