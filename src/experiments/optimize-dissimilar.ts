/**
 * The optimizer protocol on the dissimilar-pool splits: per split, the
 * optimizer and the device-aware model trained on the pool alone (and
 * synthetic mixtures of it; no validation devices, so no early stopping and
 * the default margin), each target described by its latencies on 10
 * stratified reference rows of the pool, at budgets the 10th..90th
 * percentiles of its true latencies, against exhaustive search on the same
 * calibrated predictions.
 */
import type { FetchOptions } from "../data/fetch.js";
import { loadTable } from "../data/load.js";
import type { LatencyTable } from "../data/latency-table.js";
import { runOptimizeProtocol, type OptimizeProtocolOptions, type OptimizeRun, type OptimizeTraining } from "./optimize-protocol.js";
import { DISSIMILAR_SPLITS, dissimilarSplitTable, loadJoinedNb201, type DissimilarSplit } from "./scale-protocol.js";

/** Options of {@link runDissimilarOptimize}. */
export interface DissimilarOptimizeOptions extends FetchOptions {
  readonly seeds?: number;
  readonly splits?: readonly DissimilarSplit[];
  /** Model cache folder, or `false` to train without one. */
  readonly modelCache?: string | false;
  /** Settings of the device-aware model and the optimizer's network (default: the protocol's). */
  readonly optimizer?: OptimizeProtocolOptions["optimizer"];
  /** The methods (default the optimizer and exhaustive search on its predictions; `optimizer, device-aware check` too when asked for). */
  readonly methods?: OptimizeProtocolOptions["methods"];
  readonly onProgress?: (line: string) => void;
}

/** The runs of {@link runDissimilarOptimize}, and each split's table (its rows joined with the accuracies; runs' rows index it). */
export interface DissimilarOptimize {
  readonly runs: OptimizeRun[];
  readonly training: OptimizeTraining[];
  readonly tables: Record<string, LatencyTable>;
}

/**
 * Runs the optimizer and exhaustive search on the predictions on every
 * dissimilar split (CIFAR-10), on the rows where all of the split's devices
 * have a latency; the runs carry the split's name.
 *
 * @example
 * ```ts
 * const { runs, tables } = await runDissimilarOptimize({ seeds: 1, splits: DISSIMILAR_SPLITS.slice(0, 1) });
 * ```
 */
export async function runDissimilarOptimize(options: DissimilarOptimizeOptions = {}): Promise<DissimilarOptimize> {
  const fetch: FetchOptions = { ...(options.mirror !== undefined ? { mirror: options.mirror } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
  const joined = await loadJoinedNb201(fetch);
  const accuracy = await loadTable("nb201-accuracy", fetch);
  const runs: OptimizeRun[] = [];
  const training: OptimizeTraining[] = [];
  const tables: Record<string, LatencyTable> = {};
  for (const split of options.splits ?? DISSIMILAR_SPLITS) {
    const latencyTable = dissimilarSplitTable(joined, split);
    const table = latencyTable.join(accuracy);
    tables[split.name] = table;
    const out = await runOptimizeProtocol(
      { name: split.name, dataset: latencyTable.source, pool: split.pool, validation: [], targets: split.targets },
      {
        ...fetch,
        seeds: options.seeds ?? 3,
        accuracies: ["cifar10"],
        table,
        latencyTable,
        methods: options.methods ?? ["optimizer", "exhaustive on predictions"],
        ...(options.optimizer ? { optimizer: options.optimizer } : {}),
        ...(options.modelCache !== undefined ? { modelCache: options.modelCache } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
    );
    runs.push(...out.runs);
    training.push(...out.training);
    options.onProgress?.(`optimize: dissimilar split ${split.name} done (${latencyTable.rows} rows)`);
  }
  return { runs, training, tables };
}
