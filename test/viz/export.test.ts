import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chromiumPath, exportFigures } from "../../src/viz/export.js";
import { figure } from "../../src/viz/figure.js";

describe("exportFigures", () => {
  it("writes SVG, PNG and PDF of each figure with one browser", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-export-"));
    const a = figure([{ type: "bar", x: ["a", "b"], y: [1, 2] }], { title: { text: "Alpha" } });
    const b = figure([{ type: "scatter", mode: "markers", x: new Float64Array([1, 2, 3]), y: [3, 1, 2] }], { width: 400, height: 300 });
    const files = await exportFigures([{ figure: a, basePath: path.join(dir, "a") }, { figure: b, basePath: path.join(dir, "sub", "b") }]);
    expect(files).toEqual(["a.svg", "a.png", "a.pdf", "sub/b.svg", "sub/b.png", "sub/b.pdf"].map((f) => path.join(dir, f)));
    const svg = readFileSync(path.join(dir, "a.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Alpha");
    const png = readFileSync(path.join(dir, "sub", "b.png"));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(800); // width 400 at scale 2
    expect(png.readUInt32BE(20)).toBe(600);
    const pdf = readFileSync(path.join(dir, "sub", "b.pdf"), "latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    // one page of the figure's size: 400 x 300 CSS px = 300 x 225 pt
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    expect(pdf).toMatch(/\/MediaBox\s*\[0 0 300 22[45]/);
  });
  it("draws a marker cloud above rasterAbove points as one image in SVG and PDF, every point a vector with rasterAbove Infinity", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-export-"));
    const n = 1500;
    const cloud = { type: "scatter", mode: "markers", name: "all", x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, (_, i) => (i * 7919) % 1000) };
    const front = { type: "scatter", mode: "lines+markers", name: "front", x: [0, 700, 1499], y: [1, 500, 999] };
    const f = figure([cloud, front], { width: 500, height: 400, title: { text: "Cloud" } });
    await exportFigures([{ figure: f, basePath: path.join(dir, "r") }], { formats: ["svg", "pdf"], rasterAbove: 1000 });
    await exportFigures([{ figure: f, basePath: path.join(dir, "v") }], { formats: ["svg"], rasterAbove: Number.POSITIVE_INFINITY });
    const r = readFileSync(path.join(dir, "r.svg"), "utf8");
    const v = readFileSync(path.join(dir, "v.svg"), "utf8");
    expect(r).toMatch(/<image[^>]*data:image\/png;base64/);
    expect(v).not.toMatch(/<image/);
    // the small trace and the text stay vectors; the cloud's 1,500 paths are gone
    expect(r).toContain("Cloud");
    expect((r.match(/class="point"/g) ?? []).length).toBe(3);
    expect((v.match(/class="point"/g) ?? []).length).toBe(n + 3);
    expect(readFileSync(path.join(dir, "r.pdf"), "latin1").startsWith("%PDF-")).toBe(true);
    // the input figure is not changed
    expect(f.data[0]?.["type"]).toBe("scatter");
  });
  it("rejects a negative rasterAbove", async () => {
    await expect(exportFigures([], { rasterAbove: -1 })).rejects.toThrowError(/rasterAbove -1 must be a number of points >= 0/);
  });
  it("rejects an unknown format", async () => {
    await expect(exportFigures([], { formats: ["gif" as never] })).rejects.toThrowError(/invalid value "gif"; valid: svg, png, pdf/);
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
