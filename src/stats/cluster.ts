/**
 * Ordering devices by hierarchical clustering of a correlation matrix
 * (average linkage on distance 1 - r), so that devices that rank alike sit
 * together in a heatmap.
 */
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
  const k = m.devices.length;
  const dist = (a: number, b: number) => {
    const r = (m.matrix[a] as number[])[b] as number;
    return Number.isNaN(r) ? 2 : 1 - r;
  };
  let clusters: Node[] = Array.from({ length: k }, (_, i) => ({ leaves: [i] }));
  const linkage = (a: Node, b: Node) => {
    let s = 0;
    for (const x of a.leaves) for (const y of b.leaves) s += dist(x, y);
    return s / (a.leaves.length * b.leaves.length);
  };
  while (clusters.length > 1) {
    let best = Number.POSITIVE_INFINITY;
    let bi = 0;
    let bj = 1;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const d = linkage(clusters[i] as Node, clusters[j] as Node);
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
  return (clusters[0] as Node).leaves.map((i) => m.devices[i] as string);
}
