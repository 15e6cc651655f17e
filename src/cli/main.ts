/**
 * The `proxynas` command. Data goes to stdout, messages and progress to
 * stderr; exit code 0 on success, 1 on any error, 2 on a usage error.
 */
import { Command, CommanderError } from "commander";
import { ProxynasError } from "../errors.js";
import { proxynasVersion } from "../runtime/report.js";
import { registerAdapt } from "./commands/adapt.js";
import { registerBench } from "./commands/bench.js";
import { registerDatasets } from "./commands/datasets.js";
import { registerDescribeDevice } from "./commands/describe-device.js";
import { registerOptimize } from "./commands/optimize.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerEval } from "./commands/eval.js";
import { registerMonotonicity } from "./commands/monotonicity.js";
import { registerNotebooks } from "./commands/notebooks.js";
import { registerMeasure } from "./commands/measure.js";
import { registerSearch } from "./commands/search.js";

/**
 * Runs the CLI on `argv` (without the node and script entries).
 *
 * @returns the exit code
 * @example
 * ```ts
 * process.exitCode = await runCli(["doctor", "--format", "json"]);
 * ```
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = new Command("proxynas")
    .description("hardware-aware NAS with one proxy device")
    .version(proxynasVersion())
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  registerDoctor(program);
  registerNotebooks(program);
  registerDatasets(program);
  registerMonotonicity(program);
  registerAdapt(program);
  registerDescribeDevice(program);
  registerOptimize(program);
  registerSearch(program);
  registerMeasure(program);
  registerBench(program);
  registerEval(program);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ProxynasError) {
      process.stderr.write(`proxynas: ${e.message}\n`);
      return e.code === "invalid-argument" ? 2 : 1;
    }
    process.stderr.write(`proxynas: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
