/**
 * The device pool of the commands that train a device-aware model
 * (`describe-device`, `optimize`): `--pool` and `--validation-devices`, or on
 * help-nb201 HELP's 9 training and 4 validation devices (never its 6 test
 * devices), on help-ofa HELP's 9 OFA training and 2 validation GPU settings.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError, InvalidDataError } from "../errors.js";

/** HELP's NAS-Bench-201 training devices and its validation devices (early stopping only). */
const HELP_POOL = ["1080ti_1", "1080ti_32", "1080ti_256", "silver_4114", "silver_4210r", "samsung_a50", "pixel3", "essential_ph_1", "samsung_s7"];
const HELP_VALIDATION = ["titanx_1", "titanx_32", "titanx_256", "gold_6240"];

/** HELP's Once-for-All split: its meta-train GPU settings and its meta-valid ones (its meta-test titan_rtx_64 never in the default). */
const HELP_OFA_POOL = ["2080ti_1", "2080ti_32", "2080ti_64", "titan_xp_1", "titan_xp_32", "titan_xp_64", "v100_1", "v100_32", "v100_64"];
const HELP_OFA_VALIDATION = ["titan_rtx_1", "titan_rtx_32"];

/** The default pool and validation devices per dataset. */
const DEFAULT_POOLS: Readonly<Record<string, { readonly pool: readonly string[]; readonly validation: readonly string[] }>> = {
  "help-nb201": { pool: HELP_POOL, validation: HELP_VALIDATION },
  "help-ofa": { pool: HELP_OFA_POOL, validation: HELP_OFA_VALIDATION },
};

/** The pool and validation devices from the options, with HELP's on help-nb201 and help-ofa when `--pool` is absent. */
export function devicePool(command: string, dataset: string, opts: Record<string, string | undefined>): { pool: string[]; validation: string[] } {
  const defaults = opts["pool"] === undefined ? DEFAULT_POOLS[dataset] : undefined;
  if (opts["pool"] === undefined && !defaults) throw new InvalidArgumentError(`${command}: give --pool for ${dataset} (the default pools are HELP's, for ${Object.keys(DEFAULT_POOLS).join(" and ")})`);
  const pool = defaults ? [...defaults.pool] : (opts["pool"] as string).split(",").map((d) => d.trim());
  if (pool.length < 2) throw new InvalidArgumentError(`${command}: --pool has ${pool.length} device; give at least 2`);
  const validation = opts["validationDevices"] ? opts["validationDevices"].split(",").map((d) => d.trim()) : defaults ? [...defaults.validation] : [];
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
