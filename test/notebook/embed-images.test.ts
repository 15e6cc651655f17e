import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PLOTLY_MIME } from "../../src/notebook/bundle.js";
import { embedFigureImages } from "../../src/notebook/embed-images.js";

describe("embedFigureImages", () => {
  it("adds each PNG to its plotly output in display order and leaves the other outputs alone", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-embed-"));
    const fig = (n: number) => ({ output_type: "display_data", data: { [PLOTLY_MIME]: { data: [{ type: "bar", y: [n] }] }, "text/plain": `fig ${n}` }, metadata: {} });
    const nb = { nbformat: 4, cells: [{ cell_type: "code", outputs: [fig(1), { output_type: "stream", text: "hi" }] }, { cell_type: "markdown" }, { cell_type: "code", outputs: [fig(2)] }] };
    const file = path.join(dir, "n.ipynb");
    writeFileSync(file, JSON.stringify(nb));
    const pngs = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 1]), Buffer.from([0x89, 0x50, 0x4e, 0x47, 2])].map((b, i) => {
      const p = path.join(dir, `f${i}.png`);
      writeFileSync(p, b);
      return p;
    });
    expect(embedFigureImages(file, pngs)).toBe(2);
    const back = JSON.parse(readFileSync(file, "utf8")) as typeof nb;
    const outs = back.cells.flatMap((c) => (c as { outputs?: { data?: Record<string, unknown>; text?: string }[] }).outputs ?? []);
    expect(outs[0]?.data?.["image/png"]).toBe(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1]).toString("base64"));
    expect(outs[0]?.data?.["text/plain"]).toBe("fig 1");
    expect(outs[1]).toEqual({ output_type: "stream", text: "hi" });
    expect(outs[2]?.data?.["image/png"]).toBe(Buffer.from([0x89, 0x50, 0x4e, 0x47, 2]).toString("base64"));
    expect(() => embedFigureImages(file, pngs.slice(0, 1))).toThrowError(/shows 2 figures; 1 PNG files were given/);
    writeFileSync(path.join(dir, "bad.ipynb"), "{not json");
    expect(() => embedFigureImages(path.join(dir, "bad.ipynb"), [])).toThrowError(/bad.ipynb is not a readable notebook/);
  });
});
