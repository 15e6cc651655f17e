/**
 * Synthetic devices from operator-cost models: each real device's latency is
 * fitted as additive operation costs (a cost per cell edge and operation, paid
 * on every edge or only on live ones, plus a fixed overhead), and a new device
 * is that model with its costs perturbed: one factor per operation type and
 * one per edge and operation (log-normal), dead-edge pruning switched on or
 * off, a fixed overhead added, and a share of the real device's own
 * non-additive residual kept. Unlike a mixture of real devices, such a device
 * can rank architectures as no pool device does (a convolution dearer than
 * on any of them). NAS-Bench-201 only. Seeded.
 */
import { InvalidArgumentError, InvalidDataError } from "../errors.js";
import type { LatencyTable } from "../data/latency-table.js";
import { nb201FeatureMatrix } from "../predict/nb201-features.js";
import { ridgeFit, type Matrix } from "../predict/ridge.js";
import { seededRng, standardNormal, type Rng } from "../random.js";
import { quantiles } from "../stats/quantile.js";
import type { SyntheticDevice } from "./synthetic-devices.js";

/** How operator-cost devices are perturbed (each device draws its own spreads uniformly up to these). */
export interface OperatorCostOptions {
  /** How many devices (default 100). */
  readonly count?: number;
  readonly seed?: number;
  /** Largest log sd of the per-operation-type factors (default 0.5). */
  readonly operationSd?: number;
  /** Largest log sd of the per-edge-and-operation factors (default 0.3). */
  readonly edgeSd?: number;
  /** Largest fixed overhead added, as a share of the parent's median latency (default 0.5). */
  readonly overhead?: number;
  /** Share of the parent's non-additive residual every device keeps (default: drawn per device, uniform in [0, 1]). */
  readonly residualShare?: number;
}

/** What made an operator-cost device. */
export interface OperatorCostRecipe {
  /** The real device whose fitted costs were perturbed. */
  readonly parent: string;
  /** Factor per operation type (none, skip, conv 1x1, conv 3x3, avg pool; none's is 1). */
  readonly operationFactors: readonly number[];
  /** `fitted`: costs as fitted; `prune`: every cost paid on live edges only; `execute`: every cost paid on every edge. */
  readonly pruning: "fitted" | "prune" | "execute";
  /** Overhead added (ms) and the share of the parent's residual kept. */
  readonly overheadMs: number;
  readonly residualShare: number;
}

/** An operator-cost synthetic device and its recipe. */
export interface OperatorCostDevice extends SyntheticDevice {
  readonly recipe: OperatorCostRecipe;
}

const OPS = 5;
const EDGES = 6;

/**
 * Synthetic devices made by perturbing the pool's fitted operator costs.
 *
 * @throws {InvalidArgumentError} for a table that is not NAS-Bench-201, an empty pool, or a count that is not a non-negative integer
 * @throws {InvalidDataError} for a pool device with fewer measured rows than its cost model has parameters, or without a positive median latency
 * @example
 * ```ts
 * const synth = operatorCostDevices(help, ["pixel3", "1080ti_1", "silver_4114"], { count: 50, seed: 0 });
 * synth[0].recipe.pruning; // "fitted", "prune" or "execute"
 * ```
 */
export function operatorCostDevices(table: LatencyTable, pool: readonly string[], options: OperatorCostOptions = {}): OperatorCostDevice[] {
  const count = options.count ?? 100;
  const seed = options.seed ?? 0;
  const opSd = options.operationSd ?? 0.5;
  const edgeSd = options.edgeSd ?? 0.3;
  const overhead = options.overhead ?? 0.5;
  if (table.space !== "nb201") throw new InvalidArgumentError(`operatorCostDevices: ${table.source} is a ${table.space} table; operator-cost devices are made for nb201 only`);
  if (pool.length === 0) throw new InvalidArgumentError("operatorCostDevices: the pool is empty; give at least 1 device");
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError(`operatorCostDevices: count ${count} must be a non-negative integer`);
  for (const [name, v] of [["operationSd", opSd], ["edgeSd", edgeSd], ["overhead", overhead]] as const) {
    if (!(v >= 0 && Number.isFinite(v))) throw new InvalidArgumentError(`operatorCostDevices: ${name} ${v} must be a finite number >= 0`);
  }
  const share = options.residualShare;
  if (share !== undefined && !(share >= 0 && share <= 1)) throw new InvalidArgumentError(`operatorCostDevices: residualShare ${share} must be in [0, 1]`);
  const x = nb201FeatureMatrix(table.archs(), "onehot+live");
  const fits = pool.map((d) => fitCosts(table, d, x));
  const rng = seededRng(seed);
  const out: OperatorCostDevice[] = [];
  for (let k = 0; k < count; k++) {
    const p = rng.int(pool.length);
    const fit = fits[p] as CostFit;
    const sOp = rng.next() * opSd;
    const sEdge = rng.next() * edgeSd;
    const opFactor = Array.from({ length: OPS }, (_, o) => (o === 0 ? 1 : Math.exp(sOp * standardNormal(rng))));
    const pruning = (["fitted", "prune", "execute"] as const)[rng.int(3)] as OperatorCostRecipe["pruning"];
    const overheadMs = rng.next() * overhead * fit.median;
    const drawn = rng.next();
    const residualShare = options.residualShare ?? drawn;
    // cost per (edge, op) when the edge holds op (every edge) and extra when it is live
    const always = new Float64Array(EDGES * OPS);
    const live = new Float64Array(EDGES * OPS);
    for (let j = 0; j < EDGES * OPS; j++) {
      const f = (opFactor[j % OPS] as number) * perturbation(rng, sEdge);
      const a = (fit.weights[j] as number) * f;
      const l = (fit.weights[EDGES * OPS + j] as number) * f;
      always[j] = pruning === "prune" ? 0 : pruning === "execute" ? a + l : a;
      live[j] = pruning === "prune" ? a + l : pruning === "execute" ? 0 : l;
    }
    const floor = 0.02 * fit.median;
    const latency = new Float64Array(table.rows);
    for (let r = 0; r < table.rows; r++) {
      const res = fit.residual[r] as number;
      if (Number.isNaN(res)) {
        latency[r] = Number.NaN;
        continue;
      }
      let s = fit.intercept + overheadMs;
      for (let j = 0; j < EDGES * OPS; j++) {
        s += (x.data[r * x.cols + j] as number) * (always[j] as number) + (x.data[r * x.cols + EDGES * OPS + j] as number) * (live[j] as number);
      }
      // an additive model can dip below zero where the fit is poor: a synthetic latency keeps a small positive floor
      latency[r] = Math.max(floor, s + residualShare * res);
    }
    out.push({
      name: `opcost-${seed}-${k}`,
      latency,
      parents: [{ device: pool[p] as string, weight: 1 }],
      recipe: { parent: pool[p] as string, operationFactors: opFactor, pruning, overheadMs, residualShare },
    });
  }
  return out;
}

interface CostFit {
  readonly intercept: number;
  /** 60 weights: the onehot block, then the live block. */
  readonly weights: Float64Array;
  /** Measured minus fitted (ms) per row; NaN where the device has no latency. */
  readonly residual: Float64Array;
  readonly median: number;
}

/** Least-squares additive costs of one device (a tiny ridge penalty: one-hot columns are collinear with the intercept). */
function fitCosts(table: LatencyTable, device: string, x: Matrix): CostFit {
  const lat = table.latencyView(device);
  const rows: number[] = [];
  for (let r = 0; r < lat.length; r++) if (!Number.isNaN(lat[r] as number)) rows.push(r);
  if (rows.length <= x.cols + 1) throw new InvalidDataError(`operatorCostDevices: ${device} has ${rows.length} measured rows in ${table.source}; its cost model needs more than ${x.cols + 1}`);
  const median = quantiles(lat, [0.5])[0] as number;
  if (!(median > 0)) throw new InvalidDataError(`operatorCostDevices: ${device} has median latency ${median} in ${table.source}; valid: > 0 ms`);
  const data = new Float64Array(rows.length * x.cols);
  rows.forEach((r, i) => data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), i * x.cols));
  const { model } = ridgeFit({ rows: rows.length, cols: x.cols, data }, rows.map((r) => lat[r] as number), new Float64Array(x.cols).fill(1e-6 * rows.length));
  // each edge holds exactly one operation: move each edge's `none` weight into the intercept (the same fit), so every cost is relative to `none`
  const weights = Float64Array.from(model.weights);
  let intercept = model.intercept;
  for (let e = 0; e < EDGES; e++) {
    const base = weights[e * OPS] as number;
    intercept += base;
    for (let o = 0; o < OPS; o++) weights[e * OPS + o] = (weights[e * OPS + o] as number) - base;
  }
  const residual = new Float64Array(table.rows).fill(Number.NaN);
  for (const r of rows) {
    let s = intercept;
    for (let j = 0; j < x.cols; j++) s += (x.data[r * x.cols + j] as number) * (weights[j] as number);
    residual[r] = (lat[r] as number) - s;
  }
  return { intercept, weights, residual, median };
}

function perturbation(rng: Rng, sd: number): number {
  return Math.exp(sd * standardNormal(rng));
}
