/**
 * `local-nb201`: the latency dataset this project measured itself with
 * `proxynas measure` and ships in the package (`datasets/local-nb201.csv`,
 * metadata in `datasets/local-nb201.csv.json`). No download.
 */
import path from "node:path";
import { NotFoundError } from "../errors.js";
import { existsSync } from "node:fs";
import { readTableCsv } from "./csv-table.js";
import { packageRoot } from "./fetch.js";
import type { LatencyTable } from "./latency-table.js";
import { datasetInfo } from "./registry.js";

/**
 * The embedded NAS-Bench-201 latencies measured on TensorFlow.js runtimes.
 *
 * @throws {NotFoundError} when the package was installed without its datasets folder
 * @throws {InvalidDataError} naming the file and line when the CSV is corrupt
 * @example
 * ```ts
 * const local = await loadLocalNb201();
 * local.deviceNames; // ["node-wasm", "chromium-wasm", "chromium-webgl", "firefox-wasm"]
 * ```
 */
export async function loadLocalNb201(): Promise<LatencyTable> {
  const file = path.join(packageRoot(), datasetInfo("local-nb201").embedded as string);
  if (!existsSync(file)) throw new NotFoundError(`local-nb201: ${file} is missing; the package ships it in datasets/ (reinstall proxynas)`);
  return readTableCsv(file, "nb201");
}
