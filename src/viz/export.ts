/**
 * Static export of figures to SVG and PNG, offline, through headless Chromium
 * (Debian's `chromium`) driven by `playwright-core`. One browser serves a whole
 * batch of figures.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { ExecutionError, oneOf } from "../errors.js";
import { withBrowser } from "../runtime/chromium.js";

export { chromiumPath, withBrowser, CHROMIUM_ARGS, CHROMIUM_INSTALL } from "../runtime/chromium.js";
import type { Figure } from "./figure.js";
import { escapeHtml, plotlyLibraryScript, scriptJson } from "./html.js";

/** Image formats of {@link exportFigures}. */
export type ImageFormat = "svg" | "png";
export const IMAGE_FORMATS: readonly ImageFormat[] = ["svg", "png"];

/** One figure to export, and the path without extension to write it to. */
export interface ExportJob {
  readonly figure: Figure;
  /** Output path without extension; `.svg` / `.png` are appended. */
  readonly basePath: string;
}

/** Options of {@link exportFigures}. */
export interface ExportOptions {
  /** Formats to write (default both). */
  readonly formats?: readonly ImageFormat[];
  /** Image size in CSS pixels when the layout sets none (default 900 x 500). */
  readonly width?: number;
  readonly height?: number;
  /** PNG pixel ratio (default 2). */
  readonly scale?: number;
}

/**
 * Writes each figure as SVG and/or PNG (atomically: a temporary file renamed
 * into place). Returns the paths written.
 *
 * @throws {EnvironmentError} when Chromium is missing
 * @throws {ExecutionError} naming the figure when plotly fails to draw it
 * @example
 * ```ts
 * await exportFigures([{ figure: fig, basePath: "out/figures/latency" }]);
 * // out/figures/latency.svg, out/figures/latency.png
 * ```
 */
export async function exportFigures(jobs: readonly ExportJob[], options: ExportOptions = {}): Promise<string[]> {
  const formats = (options.formats ?? IMAGE_FORMATS).map((f) => oneOf("exportFigures: formats", f, IMAGE_FORMATS));
  const written: string[] = [];
  if (jobs.length === 0) return written;
  await withBrowser(async (browser) => {
    const page = await browser.newPage();
    await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml("proxynas export")}</title>${plotlyLibraryScript()}</head><body><div id="g"></div></body></html>`, { waitUntil: "load", timeout: 60_000 });
    for (const job of jobs) {
      const layout = job.figure.layout;
      const width = typeof layout["width"] === "number" ? (layout["width"] as number) : (options.width ?? 900);
      const height = typeof layout["height"] === "number" ? (layout["height"] as number) : (options.height ?? 500);
      await mkdir(path.dirname(job.basePath), { recursive: true });
      for (const format of formats) {
        const opts = { format, width, height, scale: format === "png" ? (options.scale ?? 2) : 1 };
        let url: string;
        try {
          url = await page.evaluate<string>(
            `(async () => { const gd = document.getElementById("g"); await Plotly.newPlot(gd, ${scriptJson(job.figure.data)}, ${scriptJson(layout)}, {staticPlot: true});` +
              ` const u = await Plotly.toImage(gd, ${JSON.stringify(opts)}); Plotly.purge(gd); return u; })()`,
          );
        } catch (e) {
          throw new ExecutionError(`exportFigures: plotly could not draw ${job.basePath}.${format}: ${(e as Error).message.split("\n")[0]}`, { cause: e });
        }
        const file = `${job.basePath}.${format}`;
        const tmp = `${file}.tmp-${process.pid}`;
        await writeFile(tmp, dataUrlBytes(url));
        await rename(tmp, file);
        written.push(file);
      }
    }
  });
  return written;
}

/** Decodes a `data:` URL (base64 or percent-encoded). */
function dataUrlBytes(url: string): Buffer {
  const comma = url.indexOf(",");
  if (!url.startsWith("data:") || comma < 0) throw new ExecutionError(`exportFigures: plotly returned no data URL (got ${url.slice(0, 40)}...)`);
  const header = url.slice(5, comma);
  const body = url.slice(comma + 1);
  return header.endsWith(";base64") ? Buffer.from(body, "base64") : Buffer.from(decodeURIComponent(body), "utf8");
}
