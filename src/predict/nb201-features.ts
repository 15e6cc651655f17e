/**
 * Operator features of NAS-Bench-201 cells for latency models.
 *
 * - `onehot`: the operation on each of the 6 edges (30 values). Latency on
 *   devices that execute every edge is close to additive in these.
 * - `live`: the same, but only for edges on a path from the cell's input to its
 *   output through non-`none` edges (30 values); runtimes that prune dead
 *   computation (nn-Meter's mobile devices) are additive in these instead.
 * - `onehot+live`: both (60 values). Lifts the ceiling of a linear model on
 *   OneProxy's devices from a mean SRCC of 0.956 to 0.976.
 */
import { oneOf } from "../errors.js";
import { NB201_EDGES, nb201OneHot, nb201Parse } from "../spaces/nb201.js";
import type { Matrix } from "./ridge.js";

/**
 * Operator features of a NAS-Bench-201 cell: one-hot per edge, one-hot of live edges only, or both.
 *
 * @example
 * ```ts
 * const set: Nb201FeatureSet = "onehot+live";
 * ```
 */
export type Nb201FeatureSet = "onehot" | "live" | "onehot+live";
/**
 * Every {@link Nb201FeatureSet}.
 *
 * @example
 * ```ts
 * for (const s of NB201_FEATURE_SETS) nb201FeatureMatrix(archs, s);
 * ```
 */
export const NB201_FEATURE_SETS: readonly Nb201FeatureSet[] = ["onehot", "live", "onehot+live"];

/**
 * Which edges are live: not `none`, reachable from the input through non-`none`
 * edges, and reaching the output through non-`none` edges.
 *
 * @example
 * ```ts
 * nb201LiveEdges(nb201Parse("|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|")); // [false, false, false, true, false, false]
 * ```
 */
export function nb201LiveEdges(arch: readonly number[]): boolean[] {
  const fromInput = [true, false, false, false];
  for (let node = 1; node <= 3; node++) {
    NB201_EDGES.forEach(([to, from], e) => {
      if (to === node && arch[e] !== 0 && fromInput[from]) fromInput[node] = true;
    });
  }
  const toOutput = [false, false, false, true];
  for (let node = 2; node >= 0; node--) {
    NB201_EDGES.forEach(([to, from], e) => {
      if (from === node && arch[e] !== 0 && toOutput[to]) toOutput[node] = true;
    });
  }
  return NB201_EDGES.map(([to, from], e) => arch[e] !== 0 && (fromInput[from] as boolean) && (toOutput[to] as boolean));
}

/** Number of features of a set. */
export function nb201FeatureCount(set: Nb201FeatureSet): number {
  return set === "onehot+live" ? 60 : 30;
}

/**
 * Features of one architecture (canonical string).
 */
export function nb201Features(arch: string, set: Nb201FeatureSet = "onehot+live"): Float64Array {
  oneOf("nb201Features: set", set, NB201_FEATURE_SETS);
  const a = nb201Parse(arch);
  const onehot = nb201OneHot(a);
  if (set === "onehot") return onehot;
  const liveEdges = nb201LiveEdges(a);
  const live = new Float64Array(30);
  for (let e = 0; e < 6; e++) if (liveEdges[e]) live[e * 5 + (a[e] as number)] = 1;
  if (set === "live") return live;
  const out = new Float64Array(60);
  out.set(onehot, 0);
  out.set(live, 30);
  return out;
}

/**
 * The feature matrix of many architectures (row-major).
 *
 * @example
 * ```ts
 * const X = nb201FeatureMatrix(table.archs(), "onehot+live"); // 15,625 x 60
 * ```
 */
export function nb201FeatureMatrix(archs: readonly string[], set: Nb201FeatureSet = "onehot+live"): Matrix {
  const cols = nb201FeatureCount(set);
  const data = new Float64Array(archs.length * cols);
  archs.forEach((a, i) => data.set(nb201Features(a, set), i * cols));
  return { rows: archs.length, cols, data };
}
