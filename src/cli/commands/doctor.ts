/** `proxynas doctor`: the runtime report and what the notebooks and figure export need. */
import type { Command } from "commander";
import { oneOf } from "../../errors.js";
import { BACKEND_REQUESTS, type BackendRequest } from "../../runtime/backend.js";
import { formatRuntimeReport } from "../../runtime/report.js";
import { doctor } from "../../notebook/doctor.js";

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("report the tfjs backend in use and why, versions, and whether Jupyter, the tslab kernel, Chromium and Firefox are ready")
    .option("--backend <name>", `tfjs backend to initialise: ${BACKEND_REQUESTS.join("|")}`)
    .option("--format <fmt>", "text|json", "text")
    .action(async (opts: { backend?: string; format: string }) => {
      const format = oneOf("--format", opts.format, ["text", "json"] as const);
      const backend = opts.backend === undefined ? undefined : oneOf("--backend", opts.backend, BACKEND_REQUESTS);
      const report = await doctor(backend as BackendRequest | undefined);
      const { tools } = report;
      if (format === "json") {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        process.stdout.write(`${formatRuntimeReport(report)}\njupyter   ${tools.jupyter}\nchromium  ${tools.chromium}\nfirefox   ${tools.firefox}\n`);
      }
    });
}
