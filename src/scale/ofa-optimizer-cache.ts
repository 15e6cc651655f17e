/**
 * The Once-for-All architecture optimizer of a pool, end to end and cached:
 * the pool's device-aware model (cached by model-cache.ts), each pool and
 * validation device described by the model's linear surrogate at its
 * measured reference latencies, positive mixtures of the pool devices, OFA's
 * accuracy predictor, and the optimizer trained on them, in one JSON file per
 * (dataset, pool, validation, references, resolutions, mixtures, seed,
 * settings).
 */
import path from "node:path";
import type { FetchOptions } from "../data/fetch.js";
import type { LatencyTable } from "../data/latency-table.js";
import { loadOfaAccuracyPredictorWeights } from "../data/load-lut.js";
import { InvalidArgumentError } from "../errors.js";
import { OFA_ACCURACY_RESOLUTIONS, OfaAccuracyPredictor } from "../predict/ofa-accuracy-predictor.js";
import type { DeviceAwareOptions } from "./device-aware-predictor.js";
import { deviceAwareModel } from "./model-cache.js";
import { cacheFilePath, readCacheFile, writeCacheFile } from "./json-cache.js";
import { OFA_DEFAULT_MARGIN, OFA_OPTIMIZER_DEFAULTS, OfaArchitectureOptimizer, ofaMixtureDevices, ofaModelDevice, type OfaOptimizerOptions } from "./ofa-architecture-optimizer.js";

/**
 * Mixtures of the pool devices trained on beside them by default (scratch,
 * the ofa-batch split: 30).
 *
 * @example
 * ```ts
 * ofaArchitectureOptimizer(help, { ...setup, mixtures: OFA_MIXTURES });
 * ```
 */
export const OFA_MIXTURES = 30;

/** Options of {@link ofaArchitectureOptimizer}. */
export interface OfaOptimizerSetup extends FetchOptions {
  readonly pool: readonly string[];
  readonly validation?: readonly string[];
  readonly references: readonly number[];
  /** Resolutions the answers may use (default `OFA_ACCURACY_RESOLUTIONS`, those OFA's accuracy predictor was trained at). */
  readonly resolutions?: readonly number[];
  /** Mixtures of the pool devices beside them (default 30). */
  readonly mixtures?: number;
  readonly seed?: number;
  /** Settings of the device-aware model. */
  readonly model?: Omit<DeviceAwareOptions, "pool" | "validation" | "references" | "seed">;
  /** Settings of the optimizer's network and labels. */
  readonly network?: Pick<OfaOptimizerOptions, "evaluations" | "budgetsPerDevice" | "hidden" | "epochs" | "patience" | "batchSize" | "learningRate" | "margin">;
  /** Folder of the model cache (default: the download cache's `models/`); `cache: false` trains without it. */
  readonly modelDir?: string;
  readonly cache?: boolean;
  /** Told whether each model was loaded or trained. */
  readonly onProgress?: (message: string) => void;
}

/**
 * The Once-for-All optimizer of a pool: loaded when trained before with the
 * same settings (identical answers), else trained (the device-aware model
 * first, itself cached) and written.
 *
 * @throws {InvalidArgumentError} for a table that is not of Once-for-All subnets, or a pool of fewer than 2 devices
 * @throws {InvalidDataError} when a cache file exists but does not hold an OFA optimizer of this table (delete it to retrain)
 * @example
 * ```ts
 * const help = await loadTable("help-ofa");
 * const refs = await loadReferenceArchitectures("help-ofa");
 * const opt = await ofaArchitectureOptimizer(help, { pool: ["2080ti_1", "titan_xp_1", "v100_1"], references: refs });
 * opt.answer(refs.map((r) => myLatency[r]), 20).answers[0].arch;
 * ```
 */
export async function ofaArchitectureOptimizer(table: LatencyTable, setup: OfaOptimizerSetup): Promise<OfaArchitectureOptimizer> {
  if (table.space !== "ofa-mbv3") throw new InvalidArgumentError(`OFA optimizer: ${table.source} is a ${table.space} table; give a table of Once-for-All MobileNetV3 subnets (space ofa-mbv3, e.g. help-ofa)`);
  if (setup.pool.length < 2) throw new InvalidArgumentError(`OFA optimizer: a pool of ${setup.pool.length} device(s); give at least 2`);
  const seed = setup.seed ?? 0;
  const fetch: FetchOptions = { ...(setup.mirror !== undefined ? { mirror: setup.mirror } : {}), ...(setup.cacheDir ? { cacheDir: setup.cacheDir } : {}) };
  const cacheOptions = { ...(setup.modelDir ? { cacheDir: setup.modelDir } : {}), ...(setup.cache === false ? { cache: false } : {}), ...(setup.onProgress ? { onProgress: setup.onProgress } : {}) };
  const validation = setup.validation ?? [];
  const model = await deviceAwareModel(table, { pool: setup.pool, validation, references: setup.references, seed, ...setup.model, ...cacheOptions });
  const accuracy = OfaAccuracyPredictor.create(await loadOfaAccuracyPredictorWeights(fetch));
  const resolutions = [...(setup.resolutions ?? OFA_ACCURACY_RESOLUTIONS)].sort((a, b) => a - b);
  const mixtures = setup.mixtures ?? OFA_MIXTURES;
  // the defaults are in the key: a changed default retrains instead of loading an optimizer trained under the old one
  const key = JSON.stringify({ format: 1, defaults: OFA_OPTIMIZER_DEFAULTS, margin: OFA_DEFAULT_MARGIN, dataset: table.source, rows: table.rows, pool: [...setup.pool], validation: [...validation], references: [...setup.references], resolutions, mixtures, seed, model: setup.model ?? {}, network: setup.network ?? {} });
  const file = cacheFilePath(setup.modelDir, ["ofa-optimizer", path.basename(table.source)], key);
  const json = setup.cache === false ? undefined : readCacheFile(file, "OFA optimizer");
  if (json !== undefined) {
    const opt = OfaArchitectureOptimizer.fromJSON(json, model, accuracy);
    setup.onProgress?.(`OFA optimizer loaded from ${file}`);
    return opt;
  }
  const device = (d: string) => ofaModelDevice(model, d, setup.references.map((r) => table.latency(d)[r] as number));
  const real = setup.pool.map(device);
  const devices = [...real, ...ofaMixtureDevices(real, { count: mixtures, seed })];
  const opt = await OfaArchitectureOptimizer.train(model, accuracy, { devices, validation: validation.map(device), resolutions, seed, ...setup.network });
  if (setup.cache !== false) writeCacheFile(file, opt);
  setup.onProgress?.(`OFA optimizer trained in ${(opt.training.ms / 1000).toFixed(1)} s (${opt.training.epochs} epochs, ${devices.length} devices)${setup.cache !== false ? ` and cached in ${file}` : ""}`);
  return opt;
}
