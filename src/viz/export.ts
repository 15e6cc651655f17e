/**
 * Static export of figures to SVG and PNG, offline, through headless Chromium
 * (Debian's `chromium`) driven by `playwright-core`. One browser serves a whole
 * batch of figures.
 */
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { EnvironmentError, ExecutionError, oneOf } from "../errors.js";
import type { Figure } from "./figure.js";
import { escapeHtml, plotlyLibraryScript, scriptJson } from "./html.js";

const require = createRequire(import.meta.url);

/** Image formats of {@link exportFigures}. */
export type ImageFormat = "svg" | "png";
export const IMAGE_FORMATS: readonly ImageFormat[] = ["svg", "png"];

/** Chromium flags for a sandboxed, offline, headless run. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The command that installs Chromium on Debian. */
export const CHROMIUM_INSTALL = "apt-get update && apt-get install -y chromium   (or: npm run setup)";

/**
 * The Chromium executable: `PROXYNAS_CHROMIUM`, else the first of the usual paths.
 *
 * @throws {EnvironmentError} with the install command when none exists
 * @example
 * ```ts
 * chromiumPath(); // "/usr/bin/chromium"
 * ```
 */
export function chromiumPath(): string {
  const env = process.env["PROXYNAS_CHROMIUM"];
  if (env) {
    if (!existsSync(env)) throw new EnvironmentError(`PROXYNAS_CHROMIUM=${env} does not exist; unset it or point it at a Chromium binary`);
    return env;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new EnvironmentError(`Chromium not found (looked for ${CANDIDATES.join(", ")}); install it: ${CHROMIUM_INSTALL}`);
  return found;
}

/** The part of playwright-core's API used here. */
interface Browser {
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Page {
  setContent(html: string, options?: { waitUntil?: string; timeout?: number }): Promise<void>;
  evaluate<T>(expression: string): Promise<T>;
  goto(url: string, options?: { waitUntil?: string; timeout?: number }): Promise<unknown>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium (see {@link chromiumPath}) and runs `use` with it,
 * closing it afterwards whatever happens.
 *
 * @example
 * ```ts
 * await withBrowser(async (browser) => { const page = await browser.newPage(); ... });
 * ```
 */
export async function withBrowser<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  const executablePath = chromiumPath();
  const { chromium } = require("playwright-core") as { chromium: { launch(o: object): Promise<Browser> } };
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
  } catch (e) {
    throw new EnvironmentError(`could not start Chromium at ${executablePath}: ${(e as Error).message.split("\n")[0]}; reinstall it: ${CHROMIUM_INSTALL}`, { cause: e });
  }
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

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
