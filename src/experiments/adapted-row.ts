/**
 * One proxy's row of SRCCs with its targets, before and after adaptation on
 * K target samples (mean over seeds): the top row of OneProxy's heatmaps,
 * for any proxy and targets of a table. HW-NAS-Bench's devices with Pixel 3
 * as the proxy are the paper's second NAS-Bench-201 heatmap.
 */
import { adaptContext, adaptTarget, scoreAdaptation } from "../adapt/adapt.js";
import type { AdaptMethod } from "../adapt/method.js";
import { DEFAULT_ADAPT_METHOD } from "../adapt/registry.js";
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError } from "../errors.js";
import { spearman } from "../stats/correlation.js";

/**
 * HW-NAS-Bench's Pixel 3 in OneProxy's data: the proxy of OneProxy's second NAS-Bench-201 heatmap.
 *
 * @example
 * ```ts
 * HW_NAS_BENCH_PROXY; // "rice_pixel3"
 * ```
 */
export const HW_NAS_BENCH_PROXY = "rice_pixel3";
/**
 * HW-NAS-Bench's other devices in OneProxy's data (CIFAR-10 inputs), in the paper's order.
 *
 * @example
 * ```ts
 * HW_NAS_BENCH_TARGETS[0]; // "rice_edgegpu"
 * ```
 */
export const HW_NAS_BENCH_TARGETS: readonly string[] = ["rice_edgegpu", "rice_edgetpu", "rice_eyeriss", "rice_fpga", "rice_raspi4"];

/** A proxy's SRCC with each target, before and after adaptation. */
export interface AdaptedRow {
  readonly proxy: string;
  readonly method: AdaptMethod;
  readonly k: number;
  readonly seeds: number;
  /** SRCC of the proxy's latencies with the target's, over the rows both have. */
  readonly before: Readonly<Record<string, number>>;
  /** Mean over seeds of the adapted prediction's SRCC with the target, over every row with a target latency. */
  readonly srcc: Readonly<Record<string, number>>;
}

/**
 * Adapts the proxy to each target from K samples (the default selection) and
 * reports the mean SRCC after adaptation over `seeds` seeds (0, 1, ...).
 *
 * @throws {InvalidArgumentError} when a target is the proxy, or seeds is not an integer >= 1
 * @throws {NotFoundError} for a device the table lacks
 * @example
 * ```ts
 * const row = adaptedProxyRow(oneproxy, HW_NAS_BENCH_PROXY, HW_NAS_BENCH_TARGETS, { k: 20, seeds: 3 });
 * row.srcc.rice_fpga; // after adaptation
 * ```
 */
export function adaptedProxyRow(table: LatencyTable, proxy: string, targets: readonly string[], options: { k?: number; seeds?: number; method?: AdaptMethod } = {}): AdaptedRow {
  const k = options.k ?? 20;
  const seeds = options.seeds ?? 3;
  const method = options.method ?? DEFAULT_ADAPT_METHOD;
  if (!Number.isInteger(seeds) || seeds < 1) throw new InvalidArgumentError(`adaptedProxyRow: seeds ${seeds}; valid: an integer >= 1`);
  if (targets.includes(proxy)) throw new InvalidArgumentError(`adaptedProxyRow: ${proxy} is both the proxy and a target`);
  const ctx = adaptContext(table, [proxy]);
  const proxyLat = table.latency(proxy);
  const before: Record<string, number> = {};
  const srcc: Record<string, number> = {};
  for (const target of targets) {
    const lat = table.latency(target);
    before[target] = spearman(proxyLat, lat).value;
    let sum = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const a = adaptTarget(ctx, (r) => lat[r] as number, { samples: k, method, seed, target });
      sum += scoreAdaptation(ctx, a, lat).srccAfter;
    }
    srcc[target] = sum / seeds;
  }
  return { proxy, method, k, seeds, before, srcc };
}
