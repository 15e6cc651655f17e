/** `proxynas notebooks run` and `proxynas main`. */
import type { Command } from "commander";
import { InvalidArgumentError } from "../../errors.js";
import { runMainJob } from "../../notebook/pipeline.js";
import { runNotebooks } from "../../notebook/runner.js";

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`--timeout: ${JSON.stringify(v)} is not a positive whole number of seconds`);
  return n;
}

export function registerNotebooks(program: Command): void {
  const nb = program.command("notebooks").description("execute notebooks headless with Jupyter and the tslab kernel");
  nb.command("run")
    .description("execute notebooks (all of notebooks/*.ipynb, or those named) into out/notebooks as .ipynb and .html; stops at the first failing cell and prints it")
    .argument("[names...]", "notebook file names or stems")
    .option("--dir <dir>", "notebooks folder", "notebooks")
    .option("--out <dir>", "output folder", "out/notebooks")
    .option("--timeout <seconds>", "per-cell timeout", "900")
    .action(async (names: string[], opts: { dir: string; out: string; timeout: string }) => {
      const results = await runNotebooks({ notebooksDir: opts.dir, outDir: opts.out, only: names, timeoutSeconds: seconds(opts.timeout) });
      process.stdout.write(`notebook,seconds,executed,html\n${results.map((r) => `${r.notebook},${r.seconds.toFixed(1)},${r.executed},${r.html}`).join("\n")}\n`);
    });
  program
    .command("main")
    .description("the main job: execute every notebook, export every figure as SVG, PNG and PDF into <out>/figures, write <out>/report.md")
    .option("--dir <dir>", "notebooks folder", "notebooks")
    .option("--out <dir>", "output folder", "out")
    .option("--timeout <seconds>", "per-cell timeout", "900")
    .action(async (opts: { dir: string; out: string; timeout: string }) => {
      const r = await runMainJob({ notebooksDir: opts.dir, outDir: opts.out, timeoutSeconds: seconds(opts.timeout) });
      process.stdout.write(`${r.report}\n`);
    });
}
