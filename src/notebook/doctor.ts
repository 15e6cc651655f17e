/**
 * What the notebooks, the figure export and the browser runtimes need, and
 * whether this machine has it: the runtime report plus one status per tool.
 */
import { ProxynasError } from "../errors.js";
import type { BackendRequest } from "../runtime/backend.js";
import { chromiumPath } from "../runtime/chromium.js";
import { firefoxPath } from "../runtime/firefox.js";
import { runtimeReport, type RuntimeReport } from "../runtime/report.js";
import { checkJupyter } from "./runner.js";

/** The runtime report and, per tool, `ok`, `ok (path)`, `missing: how to install` or `error: ...`. */
export interface DoctorReport extends RuntimeReport {
  readonly tools: { readonly jupyter: string; readonly chromium: string; readonly firefox: string };
}

function check(fn: () => unknown): string {
  try {
    const v = fn();
    return typeof v === "string" ? `ok (${v})` : "ok";
  } catch (e) {
    return e instanceof ProxynasError ? `missing: ${e.message}` : `error: ${(e as Error).message}`;
  }
}

/**
 * Checks the backend (initialising `backend`, default auto) and whether
 * Jupyter with the tslab kernel, Chromium and Firefox are ready.
 *
 * @example
 * ```ts
 * const d = await doctor("wasm");
 * d.backend.name; // "wasm"
 * d.tools.chromium; // "ok (/usr/bin/chromium)"
 * ```
 */
export async function doctor(backend?: BackendRequest): Promise<DoctorReport> {
  const report = await runtimeReport(backend);
  return { ...report, tools: { jupyter: check(() => checkJupyter()), chromium: check(() => chromiumPath()), firefox: check(() => firefoxPath()) } };
}

