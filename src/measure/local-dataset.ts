/**
 * The embedded measurement file (`local-nb201`, measured by this project and
 * shipped in `datasets/`).
 */
import path from "node:path";
import { NotFoundError } from "../errors.js";
import { packageRoot } from "../data/fetch.js";
import { datasetInfo } from "../data/registry.js";
import { readMeasurementFile, type MeasurementFile } from "./measurement-file.js";

/** Path of the embedded `local-nb201` CSV (its sidecar is beside it). */
export function localDatasetPath(): string {
  return path.join(packageRoot(), datasetInfo("local-nb201").embedded as string);
}

/**
 * The embedded dataset's measurement file: metadata and run statistics of
 * every runtime.
 *
 * @throws {NotFoundError} when the package has no datasets folder
 * @example
 * ```ts
 * measurementReport(await loadLocalMeasurements());
 * ```
 */
export async function loadLocalMeasurements(): Promise<MeasurementFile> {
  const f = await readMeasurementFile(localDatasetPath());
  if (!f) throw new NotFoundError(`local-nb201: ${localDatasetPath()} is missing; the package ships it in datasets/`);
  return f;
}
