/**
 * Access to the bundled plotly.js (from `plotly.js-dist-min`), which notebooks
 * inject once and the static exporter loads into headless Chromium.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let cached: string | undefined;

/**
 * The minified plotly.js source, read once per process.
 *
 * @example
 * ```ts
 * plotlySource().length > 1e6; // true
 * ```
 */
export function plotlySource(): string {
  cached ??= readFileSync(require.resolve("plotly.js-dist-min"), "utf8");
  return cached;
}

/** The bundled plotly.js version. */
export function plotlyVersion(): string {
  return (require("plotly.js-dist-min/package.json") as { version: string }).version;
}
