/**
 * The device pool of the commands that train a device-aware model
 * (`describe-device`, `optimize`): `--pool` and `--validation-devices`, or on
 * help-nb201 HELP's 9 training and 4 validation devices (never its 6 test
 * devices).
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError, InvalidDataError } from "../errors.js";

/** HELP's NAS-Bench-201 training devices and its validation devices (early stopping only). */
const HELP_POOL = ["1080ti_1", "1080ti_32", "1080ti_256", "silver_4114", "silver_4210r", "samsung_a50", "pixel3", "essential_ph_1", "samsung_s7"];
const HELP_VALIDATION = ["titanx_1", "titanx_32", "titanx_256", "gold_6240"];

/** The pool and validation devices from the options, with HELP's on help-nb201 when `--pool` is absent. */
export function devicePool(command: string, dataset: string, opts: Record<string, string | undefined>): { pool: string[]; validation: string[] } {
  const defaultPool = opts["pool"] === undefined && dataset === "help-nb201";
  if (opts["pool"] === undefined && !defaultPool) throw new InvalidArgumentError(`${command}: give --pool for ${dataset} (the default pool is HELP's, for help-nb201)`);
  const pool = defaultPool ? HELP_POOL : (opts["pool"] as string).split(",").map((d) => d.trim());
  if (pool.length < 2) throw new InvalidArgumentError(`${command}: --pool has ${pool.length} device; give at least 2`);
  const validation = opts["validationDevices"] ? opts["validationDevices"].split(",").map((d) => d.trim()) : defaultPool ? HELP_VALIDATION : [];
  return { pool, validation };
}

/** The measured latencies of the reference rows, in order; a typed error naming the reference architectures the file lacks. */
export function referenceLatencies(file: string, table: LatencyTable, refs: readonly number[], measured: ReadonlyMap<number, number>): number[] {
  const missing = refs.filter((r) => !(measured.get(r) !== undefined && !Number.isNaN(measured.get(r) as number)));
  if (missing.length) {
    throw new InvalidDataError(`${file}: ${missing.length} of the ${refs.length} reference architectures have no latency: ${missing.map((r) => table.archAt(r)).join(", ")}; measure them (proxynas measure run --archs references) and add them`);
  }
  return refs.map((r) => measured.get(r) as number);
}
