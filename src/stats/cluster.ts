/**
 * Ordering devices by hierarchical clustering of a correlation matrix
 * (average linkage on distance 1 - r), so that devices that rank alike sit
 * together in a heatmap; and the clusters at a cut of the same dendrogram.
 */
import { InvalidArgumentError } from "../errors.js";
import type { MonotonicityMatrix } from "./monotonicity-matrix.js";

interface Node {
  readonly leaves: number[];
}

/**
 * Leaf order of an average-linkage dendrogram over distance `1 - r` (a NaN
 * correlation counts as distance 2). Deterministic: ties merge the lowest
 * indices first, and a merge puts the cluster holding the lower first leaf first.
 *
 * @example
 * ```ts
 * const order = clusterOrder(m); // ["true_vpu", "eagle_dsp_855", ...]
 * ```
 */
export function clusterOrder(m: MonotonicityMatrix): string[] {
  return ((agglomerate(m, 1)[0] as Node).leaves).map((i) => m.devices[i] as string);
}

/**
 * The clusters left when the same average-linkage merging stops at `count`
 * clusters (each cluster's devices in leaf order, the clusters in the order
 * the merging leaves them), and the average distance `1 - r` between every
 * two of them.
 *
 * @throws {InvalidArgumentError} when count is not an integer in 1..(devices)
 * @example
 * ```ts
 * const { clusters, distance } = clusterCut(m, 3);
 * distance[0]?.[2]; // mean 1 - SRCC between the first and the third cluster
 * ```
 */
export function clusterCut(m: MonotonicityMatrix, count: number): { clusters: string[][]; distance: number[][] } {
  if (!Number.isInteger(count) || count < 1 || count > m.devices.length) throw new InvalidArgumentError(`clusterCut: count ${count}; valid: an integer in 1..${m.devices.length} (the devices)`);
  const nodes = agglomerate(m, count);
  const dist = distanceOf(m);
  return {
    clusters: nodes.map((n) => n.leaves.map((i) => m.devices[i] as string)),
    distance: nodes.map((a) => nodes.map((b) => (a === b ? 0 : linkage(dist, a, b)))),
  };
}

function distanceOf(m: MonotonicityMatrix): (a: number, b: number) => number {
  return (a, b) => {
    const r = (m.matrix[a] as number[])[b] as number;
    return Number.isNaN(r) ? 2 : 1 - r;
  };
}

function linkage(dist: (a: number, b: number) => number, a: Node, b: Node): number {
  let s = 0;
  for (const x of a.leaves) for (const y of b.leaves) s += dist(x, y);
  return s / (a.leaves.length * b.leaves.length);
}

/** Average-linkage merging until `stopAt` clusters remain. */
function agglomerate(m: MonotonicityMatrix, stopAt: number): Node[] {
  const dist = distanceOf(m);
  let clusters: Node[] = Array.from({ length: m.devices.length }, (_, i) => ({ leaves: [i] }));
  while (clusters.length > stopAt) {
    let best = Number.POSITIVE_INFINITY;
    let bi = 0;
    let bj = 1;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const d = linkage(dist, clusters[i] as Node, clusters[j] as Node);
        if (d < best - 1e-12) {
          best = d;
          bi = i;
          bj = j;
        }
      }
    }
    const a = clusters[bi] as Node;
    const b = clusters[bj] as Node;
    const merged: Node = { leaves: [...a.leaves, ...b.leaves] };
    clusters = [...clusters.slice(0, bi), merged, ...clusters.slice(bi + 1, bj), ...clusters.slice(bj + 1)];
  }
  return clusters;
}
