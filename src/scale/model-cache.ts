/**
 * Trained device-aware models, cached on disk: one JSON file per (dataset,
 * pool, validation devices, references, seed, settings), so that a pool is
 * trained once and every later adaptation or optimisation on it reloads it.
 */
import path from "node:path";
import type { LatencyTable } from "../data/latency-table.js";
import { initBackend } from "../runtime/backend.js";
import { DeviceAwarePredictor, type DeviceAwareOptions } from "./device-aware-predictor.js";
import { cacheFilePath, readCacheFile, writeCacheFile } from "./json-cache.js";

/** Options of {@link deviceAwareModel}. */
export interface DeviceAwareCacheOptions extends DeviceAwareOptions {
  /** Folder of the cache (default: the download cache's `models/`). */
  readonly cacheDir?: string;
  /** `false` trains without reading or writing the cache. */
  readonly cache?: boolean;
  /** Told once whether the model was loaded or trained, and where it is. */
  readonly onProgress?: (message: string) => void;
}

/** The cache file of a model: the dataset's name and a hash of everything that determines the model. */
export function deviceAwareCachePath(table: LatencyTable, options: DeviceAwareCacheOptions): string {
  const { cacheDir, cache: _cache, onProgress: _onProgress, ...settings } = options;
  // format: the model file's layout (2: an ensemble of members)
  const key = JSON.stringify({ format: 2, dataset: table.source, rows: table.rows, ...settings, pool: [...settings.pool], validation: [...(settings.validation ?? [])], references: [...settings.references] });
  return cacheFilePath(cacheDir, ["device-aware", path.basename(table.source)], key);
}

/**
 * The device-aware model of a pool: loaded from the cache when it was trained
 * before with the same settings (identical predictions), else trained and
 * written there.
 *
 * @throws {InvalidDataError} when a cache file exists but does not hold a model of this table (delete it to retrain)
 * @example
 * ```ts
 * const refs = await loadReferenceArchitectures("help-nb201");
 * const model = await deviceAwareModel(help, { pool: PROTOCOLS.help.proxies, validation: ["titanx_1", "titanx_32", "titanx_256", "gold_6240"], references: refs });
 * ```
 */
export async function deviceAwareModel(table: LatencyTable, options: DeviceAwareCacheOptions): Promise<DeviceAwarePredictor> {
  if (options.cache === false) return DeviceAwarePredictor.train(table, options);
  const file = deviceAwareCachePath(table, options);
  const json = readCacheFile(file, "model");
  if (json !== undefined) {
    const model = DeviceAwarePredictor.fromJSON(json, table);
    // predictions run on tfjs: the same backend as training would choose (wasm by default), never tfjs's unconfigured default
    await initBackend();
    options.onProgress?.(`device-aware model loaded from ${file}`);
    return model;
  }
  const model = await DeviceAwarePredictor.train(table, options);
  writeCacheFile(file, model);
  options.onProgress?.(`device-aware model trained in ${(model.training.ms / 1000).toFixed(1)} s (${model.training.epochs} epochs) and cached in ${file}`);
  return model;
}
