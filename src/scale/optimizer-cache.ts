/**
 * The architecture optimizer of a pool, end to end and cached: the pool's
 * device-aware model (cached by model-cache.ts), the synthetic devices mixed
 * from the pool, and the optimizer trained on the pool and the synthetic
 * devices with the validation devices for early stopping and the margin, in
 * one JSON file per (dataset, pool, validation, references, accuracy,
 * synthetic count, seed, settings).
 */
import path from "node:path";
import { InvalidArgumentError } from "../errors.js";
import type { LatencyTable } from "../data/latency-table.js";
import { ANSWER_DEFAULTS, ArchitectureOptimizer, DEFAULT_MARGIN, MARGIN_GRID, OPTIMIZER_DEFAULTS, VIOLATION_TARGET, type ArchitectureOptimizerOptions } from "./architecture-optimizer.js";
import type { DeviceAwareOptions } from "./device-aware-predictor.js";
import { deviceAwareModel } from "./model-cache.js";
import { cacheFilePath, readCacheFile, writeCacheFile } from "./json-cache.js";
import { syntheticDevices } from "./synthetic-devices.js";

/**
 * Synthetic devices beside the pool by default (scratch, HELP's split, seed 0:
 * optimizer regret 0.57 points with the 9 real devices alone, 0.45 with 200
 * mixtures, margin 0; the 10-seed protocol: 0.441 with them, 0.451 without).
 *
 * @example
 * ```ts
 * architectureOptimizer(table, { ...setup, synthetic: OPTIMIZER_SYNTHETIC });
 * ```
 */
export const OPTIMIZER_SYNTHETIC = 200;

/** Options of {@link architectureOptimizer}. */
export interface OptimizerSetup {
  readonly pool: readonly string[];
  readonly validation?: readonly string[];
  readonly references: readonly number[];
  readonly accuracy: string;
  /**
   * The table the device-aware model is trained on and cached for (default:
   * the optimizer's table). Give the table before its accuracy join to share
   * one model with `describe-device`, `adapt --method device-aware` and the
   * scale protocol; it must hold the same architectures in the same rows.
   */
  readonly latencyTable?: LatencyTable;
  /** Synthetic devices mixed from the pool (default `OPTIMIZER_SYNTHETIC`, 200; 0 for the real pool alone). */
  readonly synthetic?: number;
  readonly seed?: number;
  /** Settings of the device-aware model (hidden, epochs, members, ...). */
  readonly model?: Omit<DeviceAwareOptions, "pool" | "validation" | "references" | "seed">;
  /** Settings of the optimizer's network. */
  readonly network?: Pick<ArchitectureOptimizerOptions, "budgetsPerDevice" | "hidden" | "epochs" | "patience" | "batchSize" | "learningRate" | "margin" | "lossTerms">;
  /** Folder of the cache (default: the download cache's `models/`); `cache: false` trains without it. */
  readonly cacheDir?: string;
  readonly cache?: boolean;
  /** Told whether each model was loaded or trained. */
  readonly onProgress?: (message: string) => void;
}

/**
 * The pool's optimizer: loaded when trained before with the same settings
 * (identical answers), else trained (the device-aware model first, itself
 * cached) and written.
 *
 * @throws {InvalidArgumentError} when `latencyTable` holds other architectures than `table`
 * @throws {InvalidDataError} when a cache file exists but does not hold an optimizer of this table (delete it to retrain)
 * @example
 * ```ts
 * const refs = await loadReferenceArchitectures("help-nb201");
 * const opt = await architectureOptimizer(table, { pool: SCALE_SPLITS.help.pool, validation: SCALE_SPLITS.help.validation, references: refs, accuracy: "cifar10" });
 * ```
 */
export async function architectureOptimizer(table: LatencyTable, setup: OptimizerSetup): Promise<ArchitectureOptimizer> {
  const seed = setup.seed ?? 0;
  const cacheOptions = { ...(setup.cacheDir ? { cacheDir: setup.cacheDir } : {}), ...(setup.cache === false ? { cache: false } : {}), ...(setup.onProgress ? { onProgress: setup.onProgress } : {}) };
  const latencyTable = setup.latencyTable ?? table;
  if (latencyTable !== table && (latencyTable.rows !== table.rows || latencyTable.archs().some((a, r) => a !== table.archAt(r)))) {
    throw new InvalidArgumentError(`optimizer: ${latencyTable.source} and ${table.source} do not hold the same architectures in the same rows`);
  }
  const model = await deviceAwareModel(latencyTable, { pool: setup.pool, validation: setup.validation ?? [], references: setup.references, seed, ...setup.model, ...cacheOptions });
  const synthetic = setup.synthetic ?? OPTIMIZER_SYNTHETIC;
  // the defaults are in the key: a changed default retrains instead of loading a model trained under the old one
  const key = JSON.stringify({ format: 2, defaults: OPTIMIZER_DEFAULTS, answer: ANSWER_DEFAULTS, margin: DEFAULT_MARGIN, grid: MARGIN_GRID, violationTarget: VIOLATION_TARGET, dataset: table.source, rows: table.rows, pool: [...setup.pool], validation: [...(setup.validation ?? [])], references: [...setup.references], accuracy: setup.accuracy, synthetic, seed, model: setup.model ?? {}, network: setup.network ?? {} });
  const file = cacheFilePath(setup.cacheDir, ["optimizer", path.basename(table.source), setup.accuracy], key);
  const json = setup.cache === false ? undefined : readCacheFile(file, "optimizer");
  if (json !== undefined) {
    const opt = ArchitectureOptimizer.fromJSON(json, table, model);
    setup.onProgress?.(`optimizer loaded from ${file}`);
    return opt;
  }
  const real = (d: string) => ({ name: d, latency: table.latency(d) });
  const devices = [...setup.pool.map(real), ...syntheticDevices(table, setup.pool, { count: synthetic, seed })];
  const opt = await ArchitectureOptimizer.train(table, model, { accuracy: setup.accuracy, devices, validation: (setup.validation ?? []).map(real), seed, ...setup.network });
  if (setup.cache !== false) writeCacheFile(file, opt);
  setup.onProgress?.(`optimizer trained in ${(opt.training.ms / 1000).toFixed(1)} s (${opt.training.epochs} epochs, ${devices.length} devices)${setup.cache !== false ? ` and cached in ${file}` : ""}`);
  return opt;
}
