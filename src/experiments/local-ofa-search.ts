/**
 * One-proxy search on a space this project measured itself: `local-ofa`'s
 * 300 Once-for-All subnets, OFA's predicted ImageNet top-1 as the accuracy,
 * `node-wasm` as the one proxy, the browser runtimes (Chromium and Firefox
 * WebAssembly, Chromium WebGL) as the targets. The budget is scaled to the
 * table: a tenth of its rows measured on each target, against all of them for
 * per-device search.
 */
import type { FetchOptions } from "../data/fetch.js";
import type { LatencyTable } from "../data/latency-table.js";
import { loadTable } from "../data/load.js";
import { OFA_ACCURACY_COLUMN, withOfaAccuracy } from "../search/ofa-search-table.js";
import { runSearchProtocol, type SearchProtocolRow } from "./search-protocol.js";

/**
 * The setting of {@link localOfaSearch}: the proxy runtime, the K samples
 * measured on each target and the whole budget of target measurements
 * (samples included).
 *
 * @example
 * ```ts
 * LOCAL_OFA_SEARCH.budget; // 30 of local-ofa's 300 subnets
 * ```
 */
export const LOCAL_OFA_SEARCH = { proxy: "node-wasm", samples: 10, budget: 30 } as const;

/** The rows of {@link localOfaSearch} and the table they were run on. */
export interface LocalOfaSearch {
  /** `local-ofa` with the accuracy column `ofa_top1`. */
  readonly table: LatencyTable;
  readonly rows: readonly SearchProtocolRow[];
}

/**
 * Runs the one-proxy pipeline on `local-ofa` for every target runtime x seed.
 *
 * @example
 * ```ts
 * const { rows } = await localOfaSearch({ seeds: 10 });
 * show(searchProtocolTable(rows));
 * ```
 */
export async function localOfaSearch(options: FetchOptions & { seeds?: number } = {}): Promise<LocalOfaSearch> {
  const { seeds = 10, ...fetch } = options;
  const table = await withOfaAccuracy(await loadTable("local-ofa"), fetch);
  const rows = await runSearchProtocol({ ...fetch, ...LOCAL_OFA_SEARCH, table, accuracies: [OFA_ACCURACY_COLUMN], seeds });
  return { table, rows };
}
