/**
 * Dissimilar-pool splits cut from the data instead of chosen by hand: the
 * joined NAS-Bench-201 table's devices clustered by average linkage on
 * 1 - SRCC (the order of the monotonicity heatmap), the dendrogram cut into
 * 2, 3 and 4 clusters, and at each cut the two clusters farthest apart give
 * a split each way: the pool is one cluster, the targets the other. Devices
 * that are the same hardware in two sources (`rice_fpga` and `fpga`) rank
 * alike, so they fall in one cluster and never sit on both sides.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError } from "../errors.js";
import { clusterCut } from "../stats/cluster.js";
import { monotonicityMatrix } from "../stats/monotonicity-matrix.js";
import type { DissimilarSplit } from "./scale-protocol.js";

/**
 * The dendrogram cuts of {@link clusterSplits}.
 *
 * @example
 * ```ts
 * CLUSTER_CUTS; // [2, 3, 4]
 * ```
 */
export const CLUSTER_CUTS: readonly number[] = [2, 3, 4];

/**
 * The clustering-cut splits of a table: per cut c, the farthest pair of
 * clusters, each way, named `cut<c>a` (the pool is the pair's first cluster)
 * and `cut<c>b` (its second); a split repeated by a later cut is kept once,
 * and a side of fewer than 2 devices never becomes a pool.
 *
 * @throws {InvalidArgumentError} for a cut outside 2..(devices)
 * @example
 * ```ts
 * const splits = clusterSplits(await loadJoinedNb201());
 * splits.map((s) => s.name); // ["cut2a", "cut2b", "cut3a", ...]
 * ```
 */
export function clusterSplits(table: LatencyTable, cuts: readonly number[] = CLUSTER_CUTS): DissimilarSplit[] {
  const m = monotonicityMatrix(table);
  const out: DissimilarSplit[] = [];
  const seen = new Set<string>();
  for (const c of cuts) {
    if (!Number.isInteger(c) || c < 2 || c > m.devices.length) throw new InvalidArgumentError(`clusterSplits: cut ${c}; valid: an integer in 2..${m.devices.length}`);
    const { clusters, distance } = clusterCut(m, c);
    let far = -1;
    let fa = 0;
    let fb = 1;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const d = (distance[i] as number[])[j] as number;
        if (d > far) {
          far = d;
          fa = i;
          fb = j;
        }
      }
    }
    const a = clusters[fa] as string[];
    const b = clusters[fb] as string[];
    for (const [side, pool, targets] of [["a", a, b], ["b", b, a]] as const) {
      if (pool.length < 2) continue;
      const key = JSON.stringify([[...pool].sort(), [...targets].sort()]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name: `cut${c}${side}`, pool: [...pool], targets: [...targets], dropped: [] });
    }
  }
  return out;
}
