/**
 * `proxynas bench`: speed targets, measured on this machine and printed as a
 * table (stdout) with the target beside each number. It reports; it does not fail on a missed target.
 */
import type { Command } from "commander";
import { configuredMirror } from "../../data/fetch.js";
import { InvalidArgumentError } from "../../errors.js";
import { tableView } from "../../viz/table.js";
import { loadLocalMeasurements } from "../../measure/local-dataset.js";
import { measurementReport } from "../../measure/measurement-report.js";
import { parseFormat, renderTable } from "../format.js";
import { mirrorOption } from "../options.js";
import { BENCH_CASES, round, runBench } from "../../experiments/bench-cases.js";

export function registerBench(program: Command): void {
  mirrorOption(
    program
      .command("bench")
      .description("measure the speed targets on this machine and print them as a table")
      .option("--runs <n>", "runs per benchmark (the first is reported apart, as the cold run)", "6")
      .option("--only <text>", "run only the benchmarks whose name contains this text (case-insensitive)")
      .option("--format <fmt>", "csv|json", "csv"),
  ).action(async (opts: { runs: string; format: string; mirror?: string; only?: string }) => {
    const format = parseFormat(opts.format);
    const runs = Number(opts.runs);
    if (!Number.isInteger(runs) || runs < 2) throw new InvalidArgumentError(`--runs: ${opts.runs} must be an integer >= 2`);
    const mirror = configuredMirror(opts.mirror ? { mirror: opts.mirror } : {});
    const only = opts.only?.toLowerCase();
    const cases = only === undefined ? BENCH_CASES : BENCH_CASES.filter((c) => c.name.toLowerCase().includes(only));
    if (!cases.length) throw new InvalidArgumentError(`--only: no benchmark name contains "${opts.only}"; the names: ${BENCH_CASES.map((c) => c.name).join("; ")}`);
    const rows = await runBench(cases, { runs, mirror, onCase: (name) => process.stderr.write(`bench: ${name} ...\n`) });
    process.stdout.write(renderTable(tableView(rows), format));
    // the pace of measurement per runtime, from the embedded dataset's own record
    try {
      const pace = measurementReport(await loadLocalMeasurements()).map((r) => ({
        runtime: r.runtime,
        "architecture-passes per minute": round(r.passesPerMinute),
        "architectures per minute": round(r.archsPerMinute),
        source: "local-nb201 sidecar (timestamps of its measurement)",
      }));
      process.stdout.write(`\n${renderTable(tableView(pace), format)}`);
    } catch (e) {
      process.stderr.write(`bench: no measurement pace (${(e as Error).message})\n`);
    }
  });
}
