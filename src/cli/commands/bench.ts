/**
 * `proxynas bench`: speed targets, measured on this machine and printed as a
 * table (stdout) with the target beside each number. It reports; it does not fail on a missed target.
 */
import type { Command } from "commander";
import { tableToCsv } from "../../data/csv-table.js";
import { configuredMirror } from "../../data/fetch.js";
import { loadTable } from "../../data/load.js";
import { InvalidArgumentError } from "../../errors.js";
import { timeRuns, type Timing } from "../../runtime/timing.js";
import { table } from "../../viz/table.js";
import { parseFormat, renderTable } from "../format.js";
import { mirrorOption } from "./datasets.js";

/** One benchmark: what it measures, its target, and how to run it once. */
interface BenchCase {
  readonly name: string;
  readonly targetMs: number | undefined;
  readonly run: (mirror: string | undefined) => Promise<unknown>;
}

const CASES: readonly BenchCase[] = [
  { name: "load help-nb201 (27 devices x 15,625; 29 files verified + parsed)", targetMs: 1000, run: (m) => loadTable("help-nb201", m ? { mirror: m } : {}) },
  { name: "load oneproxy-nb201 (18 x 1,999; rows mapped by encoding)", targetMs: undefined, run: (m) => loadTable("oneproxy-nb201", m ? { mirror: m } : {}) },
  { name: "load help-ofa (12 x 5,000)", targetMs: undefined, run: (m) => loadTable("help-ofa", m ? { mirror: m } : {}) },
  { name: "load nb201-accuracy (15,625 x 3, CSV)", targetMs: undefined, run: (m) => loadTable("nb201-accuracy", m ? { mirror: m } : {}) },
  {
    name: "export help-nb201 as CSV (after loading)",
    targetMs: undefined,
    run: async (m) => tableToCsv(await loadTable("help-nb201", m ? { mirror: m } : {})),
  },
];

export function registerBench(program: Command): void {
  mirrorOption(
    program
      .command("bench")
      .description("measure the speed targets on this machine and print them as a table")
      .option("--runs <n>", "runs per benchmark (the first is reported apart, as the cold run)", "6")
      .option("--format <fmt>", "csv|json", "csv"),
  ).action(async (opts: { runs: string; format: string; mirror?: string }) => {
    const format = parseFormat(opts.format);
    const runs = Number(opts.runs);
    if (!Number.isInteger(runs) || runs < 2) throw new InvalidArgumentError(`--runs: ${opts.runs} must be an integer >= 2`);
    const mirror = configuredMirror(opts.mirror ? { mirror: opts.mirror } : {});
    const rows: Record<string, string | number>[] = [];
    for (const c of CASES) {
      process.stderr.write(`bench: ${c.name} ...\n`);
      const t: Timing = await timeRuns(() => c.run(mirror), runs);
      rows.push({
        benchmark: c.name,
        "first ms": round(t.firstMs),
        "median ms": round(t.medianMs),
        "min ms": round(t.minMs),
        runs: t.runs - 1,
        "target ms": c.targetMs ?? "",
        status: c.targetMs === undefined ? "" : t.medianMs <= c.targetMs && t.firstMs <= c.targetMs ? "met" : "missed",
      });
    }
    process.stdout.write(renderTable(table(rows), format));
  });
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
