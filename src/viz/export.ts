/**
 * Static export of figures to SVG, PNG and PDF, offline, through headless
 * Chromium (Debian's `chromium`) driven by `playwright-core`. One browser
 * serves a whole batch of figures. In SVG and PDF, a marker cloud of many
 * points (the 15,625 architectures behind a Pareto front) is drawn as one
 * embedded image while axes, text and the other traces stay vector: a
 * NAS-Bench-201 Pareto figure is 0.4 MB instead of 3.1 MB.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { ExecutionError, InvalidArgumentError, oneOf } from "../errors.js";
import { withBrowser, type Page } from "../runtime/chromium.js";

export { chromiumPath, withBrowser, CHROMIUM_ARGS, CHROMIUM_INSTALL } from "../runtime/chromium.js";
import type { Figure } from "./figure.js";
import { escapeHtml, plotlyLibraryScript, scriptJson } from "./html.js";

/** Image formats of {@link exportFigures}. */
export type ImageFormat = "svg" | "png" | "pdf";
export const IMAGE_FORMATS: readonly ImageFormat[] = ["svg", "png", "pdf"];

/** Points above which a markers-only scatter trace is rasterised in SVG and PDF (default of `rasterAbove`). */
const RASTER_ABOVE = 5000;

/** One figure to export, and the path without extension to write it to. */
export interface ExportJob {
  readonly figure: Figure;
  /** Output path without extension; `.svg` / `.png` / `.pdf` are appended. */
  readonly basePath: string;
}

/** Options of {@link exportFigures}. */
export interface ExportOptions {
  /** Formats to write (default all three). */
  readonly formats?: readonly ImageFormat[];
  /**
   * In SVG and PDF, markers-only scatter traces with more points than this
   * are drawn as an embedded image (plotly's WebGL scatter), the rest of the
   * figure as vectors (default 5000; `Infinity` keeps every point a vector).
   * Where the browser has no WebGL, every point stays a vector.
   */
  readonly rasterAbove?: number;
  /** Image size in CSS pixels when the layout sets none (default 900 x 500). */
  readonly width?: number;
  readonly height?: number;
  /** PNG pixel ratio (default 2). */
  readonly scale?: number;
}

/**
 * Writes each figure as SVG, PNG and/or PDF (atomically: a temporary file
 * renamed into place). Returns the paths written. The PDF is one page of the
 * figure's size, vector like the SVG it prints.
 *
 * @throws {EnvironmentError} when Chromium is missing
 * @throws {ExecutionError} naming the figure when plotly fails to draw it
 * @example
 * ```ts
 * await exportFigures([{ figure: fig, basePath: "out/figures/latency" }]);
 * // out/figures/latency.svg, out/figures/latency.png, out/figures/latency.pdf
 * ```
 */
export async function exportFigures(jobs: readonly ExportJob[], options: ExportOptions = {}): Promise<string[]> {
  const formats = (options.formats ?? IMAGE_FORMATS).map((f) => oneOf("exportFigures: formats", f, IMAGE_FORMATS));
  const rasterAbove = options.rasterAbove ?? RASTER_ABOVE;
  if (!(rasterAbove >= 0)) throw new InvalidArgumentError(`exportFigures: rasterAbove ${rasterAbove} must be a number of points >= 0 (Infinity: never rasterise)`);
  const written: string[] = [];
  if (jobs.length === 0) return written;
  await withBrowser(async (browser) => {
    const page = await browser.newPage();
    await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml("proxynas export")}</title>${plotlyLibraryScript()}</head><body><div id="g"></div></body></html>`, { waitUntil: "load", timeout: 60_000 });
    const webgl = await page.evaluate<boolean>(`!!document.createElement("canvas").getContext("webgl")`);
    // the page the PDFs are printed from (created on the first PDF)
    let printPage: Page | undefined;
    for (const job of jobs) {
      const layout = job.figure.layout;
      const width = typeof layout["width"] === "number" ? (layout["width"] as number) : (options.width ?? 900);
      const height = typeof layout["height"] === "number" ? (layout["height"] as number) : (options.height ?? 500);
      await mkdir(path.dirname(job.basePath), { recursive: true });
      // plotly draws a figure once per image kind: the PNG, and the SVG that the PDF prints (large marker clouds rasterised)
      const draw = async (kind: "svg" | "png"): Promise<Buffer> => {
        const data = kind === "svg" && webgl ? rasterised(job.figure.data, rasterAbove) : job.figure.data;
        const opts = { format: kind, width, height, scale: kind === "png" ? (options.scale ?? 2) : 1 };
        try {
          const url = await page.evaluate<string>(
            `(async () => { const gd = document.getElementById("g"); await Plotly.newPlot(gd, ${scriptJson(data)}, ${scriptJson(layout)}, {staticPlot: true});` +
              ` const u = await Plotly.toImage(gd, ${JSON.stringify(opts)}); Plotly.purge(gd); return u; })()`,
          );
          return dataUrlBytes(url);
        } catch (e) {
          throw new ExecutionError(`exportFigures: plotly could not draw ${job.basePath}.${kind}: ${(e as Error).message.split("\n")[0]}`, { cause: e });
        }
      };
      let svg: Buffer | undefined;
      for (const format of formats) {
        let bytes: Buffer;
        if (format === "png") bytes = await draw("png");
        else {
          svg ??= await draw("svg");
          bytes = svg;
        }
        if (format === "pdf") {
          printPage ??= await browser.newPage();
          await printPage.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page { margin: 0 } html, body { margin: 0; padding: 0 } svg { display: block }</style></head><body>${bytes.toString("utf8")}</body></html>`, { waitUntil: "load", timeout: 60_000 });
          bytes = await printPage.pdf({ width: `${width}px`, height: `${height}px`, printBackground: true, pageRanges: "1" });
        }
        const file = `${job.basePath}.${format}`;
        const tmp = `${file}.tmp-${process.pid}`;
        await writeFile(tmp, bytes);
        await rename(tmp, file);
        written.push(file);
      }
    }
  });
  return written;
}

/** The traces with each markers-only scatter of more than `above` points drawn by WebGL (an image in plotly's SVG). */
function rasterised(data: Figure["data"], above: number): Figure["data"] {
  return data.map((t) => {
    const x = t["x"] as ArrayLike<unknown> | undefined;
    const markersOnly = t["mode"] === "markers" || (t["mode"] === undefined && t["type"] === "scatter");
    return t["type"] === "scatter" && markersOnly && x !== undefined && x.length > above ? { ...t, type: "scattergl" } : t;
  });
}

/** Decodes a `data:` URL (base64 or percent-encoded). */
function dataUrlBytes(url: string): Buffer {
  const comma = url.indexOf(",");
  if (!url.startsWith("data:") || comma < 0) throw new ExecutionError(`exportFigures: plotly returned no data URL (got ${url.slice(0, 40)}...)`);
  const header = url.slice(5, comma);
  const body = url.slice(comma + 1);
  return header.endsWith(";base64") ? Buffer.from(body, "base64") : Buffer.from(decodeURIComponent(body), "utf8");
}
