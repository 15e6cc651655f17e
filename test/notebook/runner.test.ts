/**
 * Executes notebooks through real Jupyter (nbconvert + the tslab kernel
 * registered by scripts/setup.sh) against the built dist/, as users run them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { PLOTLY_MIME } from "../../src/notebook/bundle.js";
import { HEADLINE_MIME } from "../../src/notebook/headline.js";
import { listNotebooks, runNotebooks, type NotebookRunResult } from "../../src/notebook/runner.js";
import { withBrowser } from "../../src/viz/export.js";

const quiet = () => undefined;

function tinyNotebook(dir: string, name: string, cells: string[]): void {
  writeFileSync(
    path.join(dir, name),
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
      cells: cells.map((source, i) => ({ cell_type: "code", id: `c${i}`, source, metadata: {}, execution_count: null, outputs: [] })),
    }),
  );
}

describe("runNotebooks on the quickstart", () => {
  let result: NotebookRunResult;
  let outDir: string;
  beforeAll(async () => {
    outDir = mkdtempSync(path.join(os.tmpdir(), "pnb-run-"));
    [result] = (await runNotebooks({ only: ["00-quickstart"], outDir, log: quiet })) as [NotebookRunResult];
  });

  it("writes an executed notebook whose figure carries plotly JSON, HTML and text", () => {
    const nb = JSON.parse(readFileSync(result.executed, "utf8")) as { cells: { outputs?: { output_type: string; data?: Record<string, unknown> }[] }[] };
    const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
    expect(outputs.filter((o) => o.output_type === "error")).toEqual([]);
    const figs = outputs.filter((o) => o.data?.[PLOTLY_MIME] !== undefined);
    expect(figs.length).toBeGreaterThanOrEqual(1);
    for (const f of figs) {
      expect(Object.keys(f.data ?? {})).toEqual(expect.arrayContaining([PLOTLY_MIME, "text/html", "text/plain"]));
    }
    const htmls = figs.map((f) => String(f.data?.["text/html"]));
    expect(htmls.filter((h) => h.includes("window.Plotly = Plotly")).length).toBe(1); // library injected once
    expect(outputs.some((o) => o.data?.[HEADLINE_MIME] !== undefined)).toBe(true);
    expect(outputs.some((o) => String(o.data?.["text/plain"] ?? "").includes("backend"))).toBe(true);
    // tslab reports no execution count; the runner numbers the code cells in the order they ran
    const counts = (nb.cells as { cell_type?: string; execution_count?: number | null }[]).filter((c) => c.cell_type === "code").map((c) => c.execution_count);
    expect(counts).toEqual(counts.map((_, i) => i + 1));
  });

  it("exports HTML in which headless Chromium draws the plotly figure", async () => {
    const drawn = await withBrowser(async (browser) => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.resolve(result.html)).href, { waitUntil: "load", timeout: 60_000 });
      await page.waitForSelector("svg.main-svg", { timeout: 30_000 });
      return page.evaluate<number>('document.querySelectorAll("svg.main-svg").length');
    });
    expect(drawn).toBeGreaterThan(0);
  });
});

describe("runNotebooks on a failing notebook", () => {
  it("stops at the failing cell and reports its number, source and stderr", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-fail-"));
    tinyNotebook(dir, "bad.ipynb", ['const ok = 1;', 'const n: number = "not a number";', 'console.log("never runs");']);
    const err = await runNotebooks({ notebooksDir: dir, outDir: path.join(dir, "out"), log: quiet }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toContain("bad.ipynb failed");
    expect(msg).toContain("=== notebook cell 2 failed ===");
    expect(msg).toContain('const n: number = "not a number";');
    expect(msg).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(msg).not.toContain("cell 3");
  });
  it("a runtime exception is reported with its message", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-fail-"));
    tinyNotebook(dir, "throws.ipynb", ['throw new Error("boom-" + (40 + 2));']);
    const err = await runNotebooks({ notebooksDir: dir, outDir: path.join(dir, "out"), log: quiet }).catch((e: unknown) => e as Error);
    expect((err as Error).message).toContain("boom-42");
    expect((err as Error).message).toContain("=== notebook cell 1 failed ===");
  });
});

describe("listNotebooks", () => {
  it("lists the project's notebooks and rejects unknown names with the list", () => {
    expect(listNotebooks("notebooks")).toContain(path.join("notebooks", "00-quickstart.ipynb"));
    expect(() => listNotebooks("notebooks", ["nope"])).toThrowError(/notebook nope not found in notebooks; available: 00-quickstart.ipynb/);
  });
});

describe("checkJupyter", () => {
  it("explains a missing Jupyter or kernel with the command that fixes it", async () => {
    const { checkJupyter } = await import("../../src/notebook/runner.js");
    expect(() => checkJupyter({ python: "/nonexistent/python3" })).toThrowError(/Jupyter needs \/nonexistent\/python3, which does not exist; install it: apt-get update && apt-get install -y jupyter-notebook jupyter-nbconvert/);
    const prev = process.env["JUPYTER_PATH"];
    delete process.env["JUPYTER_PATH"];
    try {
      expect(() => checkJupyter({ jupyterPath: "/nonexistent/jupyter-path" })).toThrowError(/the tslab kernel is not registered for Jupyter \(looked in JUPYTER_PATH=\/nonexistent\/jupyter-path\); register it: npm run setup/);
    } finally {
      if (prev !== undefined) process.env["JUPYTER_PATH"] = prev;
    }
  });
});
