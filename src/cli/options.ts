/**
 * Option parsing shared by the commands: integers, the table source and --mirror.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { LatencyTable } from "../data/latency-table.js";
import { loadTable } from "../data/load.js";
import { InvalidArgumentError } from "../errors.js";
import { parseSpace } from "../spaces/space.js";

/** An integer option >= min (and <= max when given), or undefined when absent. */
export function intOption(name: string, v: string | undefined, min: number, max?: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || (max !== undefined && n > max)) throw new InvalidArgumentError(`${name}: ${JSON.stringify(v)} must be an integer >= ${min}${max === undefined ? "" : ` and <= ${max}`}`);
  return n;
}

/** Checks before any work that a file can be written there: its folder exists. */
export function writableFileOption(name: string, file: string): string {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir)) throw new InvalidArgumentError(`${name}: the folder ${dir} of ${file} does not exist; create it or write elsewhere`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new InvalidArgumentError(`${name}: ${file} is a folder; give a file`);
  return file;
}

/** A number option in [min, max], or undefined when absent. */
export function numberOption(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !(n >= min && n <= max)) throw new InvalidArgumentError(`${name}: ${JSON.stringify(v)} must be a number in [${min}, ${max}]`);
  return n;
}

/** A dataset name or CSV file, with --mirror and --space. */
export async function loadSource(source: string, opts: { mirror?: string | undefined; space?: string | undefined }): Promise<LatencyTable> {
  return loadTable(source, { ...(opts.mirror ? { mirror: opts.mirror } : {}), ...(opts.space ? { space: parseSpace(opts.space) } : {}) });
}

/** Adds `--mirror <dir>` (a local dataset mirror; default PROXYNAS_DATA_MIRROR) to a command. */
export function mirrorOption(cmd: Command): Command {
  return cmd.option("--mirror <dir>", "read datasets from this local mirror instead of downloading (default: PROXYNAS_DATA_MIRROR)");
}
