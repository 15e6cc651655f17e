/**
 * The main job: execute every notebook, export every figure they show as SVG,
 * PNG and PDF, and write `report.md` with each notebook's headline numbers.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runtimeReport } from "../runtime/report.js";
import { exportFigures } from "../viz/export.js";
import { readNotebookOutputs } from "./outputs.js";
import { embedFigureImages } from "./embed-images.js";
import { renderReport, type ReportSection } from "./report.js";
import { runNotebooks, type NotebookRunOptions } from "./runner.js";

/** What {@link runMainJob} wrote. */
export interface MainJobResult {
  readonly report: string;
  readonly notebooks: readonly string[];
  readonly figures: readonly string[];
}

/**
 * Runs the notebooks into `<outDir>/notebooks`, exports their figures into
 * `<outDir>/figures`, and writes `<outDir>/report.md`.
 *
 * @example
 * ```ts
 * const r = await runMainJob({ outDir: "out" });
 * console.log(r.report); // "out/report.md"
 * ```
 */
export async function runMainJob(options: Omit<NotebookRunOptions, "outDir"> & { outDir?: string; command?: string } = {}): Promise<MainJobResult> {
  const outDir = options.outDir ?? "out";
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const runs = await runNotebooks({ ...options, outDir: path.join(outDir, "notebooks"), log });
  const figuresDir = path.join(outDir, "figures");
  mkdirSync(figuresDir, { recursive: true });
  const sections: ReportSection[] = [];
  const allFigures: string[] = [];
  for (const run of runs) {
    const outputs = readNotebookOutputs(run.executed);
    const files = await exportFigures(outputs.figures.map((f) => ({ figure: f.figure, basePath: path.join(figuresDir, f.name) })));
    // the executed notebook's figure bundles also carry the PNG, for viewers without plotly
    embedFigureImages(run.executed, outputs.figures.map((f) => `${path.join(figuresDir, f.name)}.png`));
    log(`notebook ${outputs.notebook}: ${outputs.figures.length} figures exported (SVG, PNG, PDF, and the PNG in the executed notebook), ${outputs.headlines.length} headlines`);
    allFigures.push(...files);
    sections.push({ outputs, seconds: run.seconds, figureFiles: files.map((f) => path.relative(outDir, f)) });
  }
  const report = path.join(outDir, "report.md");
  writeFileSync(report, renderReport(await runtimeReport("wasm"), sections, options.command ?? "npm run main"));
  log(`report: ${report}`);
  return { report, notebooks: runs.map((r) => r.executed), figures: allFigures };
}
