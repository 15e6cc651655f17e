/**
 * The embedded measurement files (`local-nb201`, `local-ofa`, `local-proxyless`: measured by
 * this project and shipped in `datasets/`) with their sidecars.
 */
import { InvalidArgumentError, NotFoundError } from "../errors.js";
import { LOCAL_DATASETS, localDatasetFile, type LocalDatasetName } from "../data/load-local.js";
import { readMeasurementFile, type MeasurementFile } from "./measurement-file.js";

/**
 * An embedded dataset's measurement file: metadata and run statistics of
 * every runtime.
 *
 * @param name `local-nb201` (default), `local-ofa` or `local-proxyless`
 * @throws {InvalidArgumentError} for a name that is not an embedded dataset
 * @throws {NotFoundError} when the package has no datasets folder
 * @example
 * ```ts
 * measurementReport(await loadLocalMeasurements("local-ofa"));
 * ```
 */
export async function loadLocalMeasurements(name: LocalDatasetName = "local-nb201"): Promise<MeasurementFile> {
  if (!(name in LOCAL_DATASETS)) throw new InvalidArgumentError(`loadLocalMeasurements: ${JSON.stringify(name)} is not an embedded dataset (valid: ${Object.keys(LOCAL_DATASETS).join(", ")})`);
  const file = localDatasetFile(name);
  const f = await readMeasurementFile(file);
  if (!f) throw new NotFoundError(`${name}: ${file} is missing; the package ships it in datasets/`);
  return f;
}
