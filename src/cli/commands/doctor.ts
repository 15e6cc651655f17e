/** `proxynas doctor`: the runtime report and what the notebooks and figure export need. */
import type { Command } from "commander";
import { oneOf, ProxynasError } from "../../errors.js";
import { BACKEND_REQUESTS, type BackendRequest } from "../../runtime/backend.js";
import { formatRuntimeReport, runtimeReport } from "../../runtime/report.js";
import { chromiumPath } from "../../viz/export.js";
import { firefoxPath } from "../../runtime/firefox.js";
import { checkJupyter } from "../../notebook/runner.js";

function check(fn: () => unknown): string {
  try {
    const v = fn();
    return typeof v === "string" ? `ok (${v})` : "ok";
  } catch (e) {
    return e instanceof ProxynasError ? `missing: ${e.message}` : `error: ${(e as Error).message}`;
  }
}

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("report the tfjs backend in use and why, versions, and whether Jupyter, the tslab kernel, Chromium and Firefox are ready")
    .option("--backend <name>", `tfjs backend to initialise: ${BACKEND_REQUESTS.join("|")}`)
    .option("--format <fmt>", "text|json", "text")
    .action(async (opts: { backend?: string; format: string }) => {
      const format = oneOf("--format", opts.format, ["text", "json"] as const);
      const backend = opts.backend === undefined ? undefined : oneOf("--backend", opts.backend, BACKEND_REQUESTS);
      const report = await runtimeReport(backend as BackendRequest | undefined);
      const tools = { jupyter: check(() => checkJupyter()), chromium: check(() => chromiumPath()), firefox: check(() => firefoxPath()) };
      if (format === "json") {
        process.stdout.write(`${JSON.stringify({ ...report, tools }, null, 2)}\n`);
      } else {
        process.stdout.write(`${formatRuntimeReport(report)}\njupyter   ${tools.jupyter}\nchromium  ${tools.chromium}\nfirefox   ${tools.firefox}\n`);
      }
    });
}
