/**
 * The latency datasets this project measured itself with `proxynas measure`
 * and ships in the package: `local-nb201` (`datasets/local-nb201.csv`),
 * `local-ofa` (`datasets/local-ofa.csv`) and `local-proxyless`
 * (`datasets/local-proxyless.csv`), metadata in each file's JSON sidecar.
 * No download.
 */
import path from "node:path";
import { NotFoundError } from "../errors.js";
import { existsSync } from "node:fs";
import type { SpaceName } from "../spaces/space.js";
import { readTableCsv } from "./csv-table.js";
import { packageRoot } from "./fetch.js";
import type { LatencyTable } from "./latency-table.js";
import { datasetInfo } from "./registry.js";

/** The embedded datasets and their search spaces. */
export const LOCAL_DATASETS = { "local-nb201": "nb201", "local-ofa": "ofa-mbv3", "local-proxyless": "proxyless" } as const satisfies Record<string, SpaceName>;

/** Name of an embedded dataset. */
export type LocalDatasetName = keyof typeof LOCAL_DATASETS;

/** Path of an embedded dataset's CSV in the installed package (its sidecar is beside it). */
export function localDatasetFile(name: LocalDatasetName): string {
  return path.join(packageRoot(), datasetInfo(name).embedded as string);
}

/**
 * An embedded latency table measured on TensorFlow.js runtimes.
 *
 * @throws {NotFoundError} when the package was installed without its datasets folder
 * @throws {InvalidDataError} naming the file and line when the CSV is corrupt
 * @example
 * ```ts
 * const local = await loadLocal("local-ofa");
 * local.deviceNames; // ["node-wasm", "chromium-wasm", "chromium-webgl", "firefox-wasm"]
 * ```
 */
export async function loadLocal(name: LocalDatasetName): Promise<LatencyTable> {
  const file = localDatasetFile(name);
  if (!existsSync(file)) throw new NotFoundError(`${name}: ${file} is missing; the package ships it in datasets/ (reinstall proxynas)`);
  return readTableCsv(file, LOCAL_DATASETS[name]);
}
