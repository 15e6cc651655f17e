/**
 * Adaptation methods: given every architecture's features, the proxies'
 * latencies on every architecture, and the target's latency on K measured
 * rows, predict the target's latency on every row.
 *
 * - `proxy-ridge`: target ≈ intercept + Σ_j α_j z(proxy_j) +
 *   Σ_j β_j z(linear fit of proxy_j) + shared operation costs (how often each
 *   operation occurs, on all edges and on live edges) + per-edge correction
 *   (one-hot and live one-hot), in milliseconds, where latency is close to
 *   additive over the cell's edges. The shared costs are a hierarchy: an
 *   operation costs about the same on every edge of a cell (same channels,
 *   same resolution), so the one-hot only has to learn how positions differ,
 *   and few samples go much further. Three penalties (proxies with shared
 *   costs, one-hot, live) are chosen on a grid by exact leave-one-out error
 *   on the K samples. With a prior (other devices' operator models, see
 *   `adaptContext`), those form a fourth block: the ways devices are known
 *   to differ. With one proxy, the fitted-proxy column plus the one-hot
 *   correction is AdaProxy's `x . (w * (a + b)) + c`, solved well-conditioned.
 * - `proxy-ensemble`: a weighted mean of three block-ridge models
 *   (the proxies alone; their operator-level fits with the shared costs and
 *   the per-edge correction; `proxy-ridge`'s full design), each weighted by
 *   the inverse of its exact leave-one-out MSE on the K samples. The average
 *   lowers the variance few samples leave; with many samples the best member
 *   dominates. (Measured against the earlier rule "the plain mean or
 *   proxy-ridge, whichever has the lower leave-one-out error", on the same
 *   seeds: HELP protocol K = 20 mean SRCC 0.9664 vs 0.9635; OneProxy K = 20
 *   0.891 vs 0.883, K = 70 0.961 vs 0.960. Adding the shared costs, same
 *   seeds: OneProxy K = 20 0.938 vs 0.891, K = 70 0.965 vs 0.961 with the
 *   lowest target 0.907 vs 0.888; HELP K = 10 0.961 vs 0.963, K = 20 0.968
 *   vs 0.966.)
 * - `proxy-ensemble-bagged` (default): `proxy-ensemble` averaged over the
 *   fit on all K samples and {@link BAG_COUNT} refits on random subsets of
 *   3/4 of them (subagging: the leave-one-out choices of penalties and member
 *   weights are unstable with few samples, and the average smooths them;
 *   refits that keep the full fit's penalties gain half as much, refits that
 *   choose within one grid step of them as much as refits on the whole
 *   grid). Each sample's mean prediction by the refits that left it out
 *   gives `outOfBagSrcc`, an estimate of the ranking quality from the samples
 *   alone. Every member is linear, so the averaged coefficients predict once
 *   per member: the cost is one fit on the whole penalty grid and 16 on 27
 *   grid points, on K rows, not 17 predictions of every row. Seeded. About
 *   1.3x the time of `proxy-ensemble` at K = 20, 1.6x at K = 70.
 * - `adaproxy`: the paper's objective exactly, `y = x . (w * (a 1 + b)) + c`
 *   with `mean (y_hat - y)^2 + λ ||b||_p`, p in {1, 2, inf}, w the proxy's
 *   operator-level linear model, λ chosen by SRCC on V validation samples.
 * - `least-squares`: ridge on operator features from the K samples alone (no proxy).
 * - `proxy`: no adaptation: the proxy (best by SRCC on the samples) as the prediction.
 */
import { relatedDevice } from "../data/devices.js";
import { InvalidArgumentError, oneOf } from "../errors.js";
import { seededRng, shuffled } from "../random.js";
import { spearman } from "../stats/correlation.js";
import { zscore } from "../stats/zscore.js";
import { blockRidge } from "../predict/block-ridge.js";
import { hstack, ridgeFit, ridgePredict, takeRows, type Matrix } from "../predict/ridge.js";

export type AdaptMethod = "proxy-ridge" | "proxy-ensemble" | "proxy-ensemble-bagged" | "adaproxy" | "least-squares" | "proxy";
export const ADAPT_METHODS: readonly AdaptMethod[] = ["proxy-ridge", "proxy-ensemble", "proxy-ensemble-bagged", "adaproxy", "least-squares", "proxy"];

/**
 * The default method of `adaptTarget` and `proxynas adapt`: the best measured
 * on both protocols (10 seeds; OneProxy K = 10 / 20 / 70: 0.917 / 0.942 /
 * 0.966 against 0.910 / 0.938 / 0.965 for `proxy-ensemble`; HELP K = 5 / 10 /
 * 20: 0.951 / 0.965 / 0.970 against 0.951 / 0.961 / 0.968), about 1.3x its
 * time at K = 20.
 */
export const DEFAULT_ADAPT_METHOD: AdaptMethod = "proxy-ensemble-bagged";

/** AdaProxy's norm on b. */
export type AdaProxyNorm = 1 | 2 | "inf";

/** What every method sees. */
export interface AdaptContext {
  /** One-hot operator features (n x 30). */
  readonly onehot: Matrix;
  /** Live one-hot operator features (n x 30). */
  readonly live: Matrix;
  /**
   * How often each operation occurs (NAS-Bench-201: over all edges and over
   * live edges, n x 10): the cost an operation has on any edge, which the
   * per-edge one-hot then corrects.
   */
  readonly shared: Matrix;
  /** Proxies' latencies (ms) on every row, complete. */
  readonly proxies: readonly { readonly name: string; readonly latency: Float64Array }[];
  /** Each proxy's linear fit on one-hot + live features over all rows. */
  readonly fitted: readonly Float64Array[];
  /** Each proxy's operator-level model on one-hot features only (AdaProxy's w), weights and intercept. */
  readonly operatorModels: readonly { readonly intercept: number; readonly weights: Float64Array }[];
  /**
   * Prior knowledge: other devices' linear models (fitted on their own table)
   * evaluated on every row. proxy-ridge uses them as a basis for the
   * correction, leaving out devices related to the target.
   */
  readonly prior: readonly { readonly name: string; readonly fitted: Float64Array }[];
}

/** The target's measured latencies. */
export interface Measured {
  readonly rows: readonly number[];
  readonly values: Float64Array;
}

/** Options of the methods. */
export interface MethodOptions {
  /** AdaProxy: norm on b (default 2). */
  readonly norm?: AdaProxyNorm;
  /** AdaProxy: validation samples for λ (default: 1 in 7 of K, at least 2). */
  readonly validation?: number;
  /** Seed for the AdaProxy validation split. */
  readonly seed?: number;
  /** The target's column name, to leave related devices out of the prior. */
  readonly target?: string;
}

/** Penalty grid shared by the methods that choose penalties by leave-one-out. */
export const PENALTY_GRID: readonly number[] = [1e-2, 1e-1, 1, 10, 100, 1000];
/** AdaProxy's λ grid. */
export const ADAPROXY_LAMBDAS: readonly number[] = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100];

function standardiseTarget(values: Float64Array): { y: Float64Array; mean: number; sd: number } {
  let m = 0;
  for (const v of values) m += v;
  m /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  const sd = Math.sqrt(ss / values.length) || 1;
  return { y: Float64Array.from(values, (v) => (v - m) / sd), mean: m, sd };
}

/**
 * Block ridge on the measured rows of a design (penalties by exact
 * leave-one-out, see predict/block-ridge.ts); predicts every row in the
 * target's units.
 */
export function blockRidgePredict(x: Matrix, blocks: readonly number[], m: Measured, grid: readonly number[] = PENALTY_GRID): Float64Array {
  return blockRidgeWithLoo(x, blocks, m, grid).predictions;
}

/** {@link blockRidgePredict} with the exact leave-one-out residuals (standardised units) and the chosen penalties. */
function blockRidgeWithLoo(x: Matrix, blocks: readonly number[], m: Measured, grid: readonly number[] | readonly (readonly number[])[] = PENALTY_GRID): EnsembleMember {
  const t = standardiseTarget(m.values);
  const fit = blockRidge(takeRows(x, m.rows), blocks, t.y, grid);
  return { predictions: ridgePredict({ intercept: fit.intercept, weights: fit.weights }, x).map((v) => v * t.sd + t.mean), loo: fit.looResiduals, penalties: fit.penalties };
}

/** The proxy-ridge design of a context and a set of prior devices (computed once each). */
const designs = new WeakMap<AdaptContext, Map<string, { x: Matrix; blocks: number[] }>>();
function proxyRidgeDesign(ctx: AdaptContext, target: string | undefined): { x: Matrix; blocks: number[] } {
  const prior = ctx.prior.filter((p) => target === undefined || !relatedDevice(p.name, target));
  const key = prior.map((p) => p.name).join(",");
  let byPrior = designs.get(ctx);
  if (!byPrior) designs.set(ctx, (byPrior = new Map()));
  let d = byPrior.get(key);
  if (!d) {
    const proxyCols: Float64Array[] = [];
    ctx.proxies.forEach((p, j) => proxyCols.push(zscore(p.latency), zscore(ctx.fitted[j] as Float64Array)));
    const priorCols = prior.map((p) => zscore(p.fitted));
    d = {
      x: hstack([...proxyCols, ctx.shared, ...priorCols, ctx.onehot, ctx.live]),
      blocks: [proxyCols.length + ctx.shared.cols, ...(priorCols.length ? [priorCols.length] : []), ctx.onehot.cols, ctx.live.cols],
    };
    byPrior.set(key, d);
  }
  return d;
}

function proxyRidge(ctx: AdaptContext, m: Measured, options: MethodOptions): Float64Array {
  const d = proxyRidgeDesign(ctx, options.target);
  return blockRidgePredict(d.x, d.blocks, m);
}

const ensembleDesigns = new WeakMap<AdaptContext, { raw: Matrix; fittedDelta: Matrix; fittedBlocks: number[] }>();

/** A fitted member of an ensemble: its prediction of every row and its exact leave-one-out residuals on the samples. */
export interface EnsembleMember {
  readonly predictions: Float64Array;
  readonly loo: Float64Array;
  /** The penalty chosen for each block of the member's design. */
  readonly penalties: readonly number[];
}

/**
 * The three members of `proxy-ensemble`, fitted on the measured rows: the
 * proxies alone; their operator-level fits with the per-operator correction;
 * `proxy-ridge`'s full design. `grids`: per member, one penalty grid per
 * block (default: {@link PENALTY_GRID} for every block).
 */
export function ensembleMembers(ctx: AdaptContext, m: Measured, options: MethodOptions = {}, grids?: readonly (readonly (readonly number[])[])[]): EnsembleMember[] {
  return ensembleDesignList(ctx, options).map((d, j) => blockRidgeWithLoo(d.x, d.blocks, m, grids ? (grids[j] as readonly (readonly number[])[]) : PENALTY_GRID));
}

/**
 * Weights of an ensemble's members: proportional to the inverse of each
 * member's leave-one-out mean squared error (a member with no leave-one-out
 * error takes all the weight, shared equally with any other such member).
 *
 * @throws {InvalidArgumentError} for no members or members with different sample counts
 * @example
 * ```ts
 * looWeights([{ predictions, loo: Float64Array.of(1, -1) }, { predictions, loo: Float64Array.of(2, -2) }]); // [0.8, 0.2]
 * ```
 */
export function looWeights(members: readonly Pick<EnsembleMember, "loo">[]): number[] {
  if (members.length === 0) throw new InvalidArgumentError("looWeights: no members");
  const k = (members[0] as EnsembleMember).loo.length;
  if (members.some((p) => p.loo.length !== k)) throw new InvalidArgumentError("looWeights: members have different numbers of leave-one-out residuals");
  const mse = members.map((p) => p.loo.reduce((a, v) => a + v * v, 0) / k);
  const exact = mse.filter((v) => v === 0).length;
  if (exact > 0) return mse.map((v) => (v === 0 ? 1 / exact : 0));
  const inv = mse.map((v) => 1 / v);
  const total = inv.reduce((a, b) => a + b, 0);
  return inv.map((v) => v / total);
}

/** What a method predicts, and what it can say about its own accuracy from the samples alone. */
export interface MethodResult {
  /** Predicted latency (ms) of every row. */
  readonly predictions: Float64Array;
  /**
   * `proxy-ensemble-bagged` only: SRCC between the measured latencies and
   * their out-of-bag predictions (each sample predicted by the refits that
   * left it out, averaged), an estimate of the ranking quality from the
   * measured rows alone. Absent when fewer than {@link OOB_MIN} samples were
   * left out of some refit (K <= {@link BAG_MIN}: every refit is the full fit).
   */
  readonly outOfBagSrcc?: number;
}

/** Fewest samples with an out-of-bag prediction for `outOfBagSrcc`. */
export const OOB_MIN = 5;

/** Refits on random subsets in `proxy-ensemble-bagged` (besides the fit on all K samples). */
export const BAG_COUNT = 16;
/** Share of the K samples in each refit of `proxy-ensemble-bagged`. */
export const BAG_SHARE = 0.75;
/**
 * Fewest samples in a refit of `proxy-ensemble-bagged` (at K <= 5 every
 * refit is the full fit: on the HELP protocol at K = 5, refits on 4 of 5
 * samples lowered the mean SRCC from 0.951 to 0.937).
 */
export const BAG_MIN = 5;

/**
 * Refits of `proxy-ensemble-bagged` choose each block's penalty within this
 * many grid steps of the full fit's choice (27 grid points instead of 216).
 * Scratch, 10 seeds, against the whole grid in every refit: OneProxy K = 20
 * mean SRCC 0.942 both, K = 10 0.917 vs 0.921; HELP K = 5 / 10 / 20
 * 0.951 / 0.965 / 0.970 both; the call takes a third of the time (HELP, 9
 * proxies, K = 20).
 */
export const BAG_LOCAL_STEPS = 1;

/** The designs of `proxy-ensemble`'s three members, in order. */
function ensembleDesignList(ctx: AdaptContext, options: MethodOptions): { x: Matrix; blocks: number[] }[] {
  let e = ensembleDesigns.get(ctx);
  if (!e) {
    const fitted = ctx.fitted.map((f) => zscore(f));
    e = {
      raw: hstack(ctx.proxies.map((p) => zscore(p.latency))),
      fittedDelta: hstack([...fitted, ctx.shared, ctx.onehot, ctx.live]),
      fittedBlocks: [fitted.length, ctx.shared.cols, ctx.onehot.cols + ctx.live.cols],
    };
    ensembleDesigns.set(ctx, e);
  }
  return [{ x: e.raw, blocks: [e.raw.cols] }, { x: e.fittedDelta, blocks: e.fittedBlocks }, proxyRidgeDesign(ctx, options.target)];
}

/**
 * The sample subsets of `proxy-ensemble-bagged`, as positions in 0..k-1: all
 * k first, then BAG_COUNT random subsets of round(BAG_SHARE x k) positions
 * (at least BAG_MIN, at most k).
 *
 * @example
 * ```ts
 * bagSubsets(20, 0); // [[0..19], then 16 subsets of 15 positions]
 * ```
 */
export function bagSubsets(k: number, seed: number): number[][] {
  const share = Math.min(k, Math.max(BAG_MIN, Math.round(BAG_SHARE * k)));
  const rng = seededRng((seed * 0x2c1b3c6d + 0x297a2d39) | 0);
  const order = [...Array(k).keys()];
  const out = [order];
  for (let f = 0; f < BAG_COUNT; f++) out.push(shuffled(rng, order).slice(0, share));
  return out;
}

/**
 * `proxy-ensemble` averaged over the fit on all samples and BAG_COUNT refits
 * on random subsets (BAG_SHARE of the samples, at least BAG_MIN; each block's
 * penalty within BAG_LOCAL_STEPS grid steps of the full fit's). Each fit's member
 * models (in the target's units) are weighted by that fit's leave-one-out
 * weights and summed into one linear model per member, which then predicts
 * every row once: the same numbers as averaging the fits' predictions. The
 * subsets are positions in the measured rows sorted by row, so the order of
 * the measurements does not matter; the seed does.
 */
function proxyEnsembleBagged(ctx: AdaptContext, given: Measured, options: MethodOptions): MethodResult {
  // the subsets are drawn over the measured rows in row order, so the order in which they were measured (or listed in a CSV) changes nothing
  const order = [...given.rows.keys()].sort((a, b) => (given.rows[a] as number) - (given.rows[b] as number));
  const m: Measured = { rows: order.map((i) => given.rows[i] as number), values: Float64Array.from(order, (i) => given.values[i] as number) };
  const designs = ensembleDesignList(ctx, options);
  const subsets = bagSubsets(m.rows.length, options.seed ?? 0);
  const fits = subsets.length;
  const agg = designs.map((d) => ({ intercept: 0, weights: new Float64Array(d.x.cols) }));
  let local: (readonly number[])[][] | undefined;
  // out of bag: each refit's prediction of the samples it left out, summed per sample
  const oobSum = new Float64Array(m.rows.length);
  const oobCount = new Uint32Array(m.rows.length);
  for (const idx of subsets) {
    const rows = idx.map((i) => m.rows[i] as number);
    const t = standardiseTarget(Float64Array.from(idx, (i) => m.values[i] as number));
    const models = designs.map((d, j) => blockRidge(takeRows(d.x, rows), d.blocks, t.y, local ? (local[j] as (readonly number[])[]) : PENALTY_GRID));
    // the refits choose each block's penalty among the 3 grid values next to the full fit's, not all 6: 27 grid points instead of 216
    if (!local) local = bagRefitGrids(models.map((q) => q.penalties));
    const w = looWeights(models.map((q) => ({ loo: q.looResiduals })));
    models.forEach((q, j) => {
      const a = agg[j] as { intercept: number; weights: Float64Array };
      const c = (w[j] as number) / fits;
      if (c === 0) return;
      a.intercept += c * (q.intercept * t.sd + t.mean);
      for (let i = 0; i < q.weights.length; i++) a.weights[i] = (a.weights[i] as number) + c * (q.weights[i] as number) * t.sd;
    });
    // the samples this refit left out, predicted by its members (the fit on all samples leaves none out)
    const inBag = new Set(idx);
    const left = [...m.rows.keys()].filter((i) => !inBag.has(i));
    if (left.length > 0) {
      const leftRows = left.map((i) => m.rows[i] as number);
      models.forEach((q, j) => {
        const wj = w[j] as number;
        if (wj === 0) return;
        const pred = ridgePredict({ intercept: q.intercept, weights: q.weights }, takeRows((designs[j] as { x: Matrix }).x, leftRows));
        left.forEach((i, r) => (oobSum[i] = (oobSum[i] as number) + wj * ((pred[r] as number) * t.sd + t.mean)));
      });
      for (const i of left) oobCount[i] = (oobCount[i] as number) + 1;
    }
  }
  const n = ctx.onehot.rows;
  const out = new Float64Array(n);
  designs.forEach((d, j) => {
    const pred = ridgePredict(agg[j] as { intercept: number; weights: Float64Array }, d.x);
    for (let r = 0; r < n; r++) out[r] = (out[r] as number) + (pred[r] as number);
  });
  const scored = [...oobCount.keys()].filter((i) => (oobCount[i] as number) > 0);
  if (scored.length < OOB_MIN) return { predictions: out };
  const srcc = spearman(
    scored.map((i) => (oobSum[i] as number) / (oobCount[i] as number)),
    scored.map((i) => m.values[i] as number),
  ).value;
  return Number.isNaN(srcc) ? { predictions: out } : { predictions: out, outOfBagSrcc: srcc };
}

/**
 * The penalty grids of `proxy-ensemble-bagged`'s refits: for each member and
 * block, the values of {@link PENALTY_GRID} within {@link BAG_LOCAL_STEPS}
 * steps of the full fit's choice.
 *
 * @throws {InvalidArgumentError} for a penalty not in the grid
 * @example
 * ```ts
 * bagRefitGrids([[1], [0.01, 1000]]); // [[[0.1, 1, 10]], [[0.01, 0.1], [100, 1000]]]
 * ```
 */
export function bagRefitGrids(penalties: readonly (readonly number[])[]): number[][][] {
  return penalties.map((member) =>
    member.map((v) => {
      const i = PENALTY_GRID.indexOf(v);
      if (i < 0) throw new InvalidArgumentError(`bagRefitGrids: penalty ${v} is not in the grid ${PENALTY_GRID.join(", ")}`);
      return PENALTY_GRID.slice(Math.max(0, i - BAG_LOCAL_STEPS), i + BAG_LOCAL_STEPS + 1);
    }),
  );
}

function proxyEnsemble(ctx: AdaptContext, m: Measured, options: MethodOptions): Float64Array {
  const parts = ensembleMembers(ctx, m, options);
  const w = looWeights(parts);
  const n = (parts[0] as EnsembleMember).predictions.length;
  const out = new Float64Array(n);
  parts.forEach((p, j) => {
    const wj = w[j] as number;
    if (wj > 0) for (let r = 0; r < n; r++) out[r] = (out[r] as number) + wj * (p.predictions[r] as number);
  });
  return out;
}

function leastSquares(ctx: AdaptContext, m: Measured): Float64Array {
  return blockRidgePredict(hstack([ctx.onehot, ctx.live]), [ctx.onehot.cols, ctx.live.cols], m);
}

/** The proxy with the highest SRCC against the target on the measured rows (ties: first in the pool). */
export function bestProxyOnSamples(ctx: AdaptContext, m: Measured): number {
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  ctx.proxies.forEach((p, j) => {
    const v = spearman(m.rows.map((r) => p.latency[r] as number), m.values).value;
    if (v > bestValue) {
      bestValue = v;
      best = j;
    }
  });
  return best;
}

/** AdaProxy's columns for one proxy: s = x.w (n), u = x * w (n x 30). */
function adaProxyDesign(ctx: AdaptContext, j: number): Matrix {
  const w = (ctx.operatorModels[j] as { weights: Float64Array }).weights;
  const n = ctx.onehot.rows;
  const p = ctx.onehot.cols;
  const data = new Float64Array(n * (p + 1));
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < p; f++) {
      const u = (ctx.onehot.data[i * p + f] as number) * (w[f] as number);
      data[i * (p + 1) + 1 + f] = u;
      s += u;
    }
    data[i * (p + 1)] = s;
  }
  return { rows: n, cols: p + 1, data };
}

/** Largest eigenvalue of X'X / n (power iteration), for the proximal step size. */
function lipschitz(x: Matrix): number {
  let v = new Float64Array(x.cols).fill(1 / Math.sqrt(x.cols));
  let lambda = 0;
  for (let it = 0; it < 100; it++) {
    const xv = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) xv[i] = (xv[i] as number) + (x.data[i * x.cols + j] as number) * (v[j] as number);
    const w = new Float64Array(x.cols);
    for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) w[j] = (w[j] as number) + (x.data[i * x.cols + j] as number) * (xv[i] as number);
    lambda = Math.hypot(...w) / x.rows;
    const norm = Math.hypot(...w) || 1;
    v = w.map((q) => q / norm);
  }
  return lambda;
}

/** Euclidean projection onto the l1 ball of radius r (Duchi et al. 2008). */
function projectL1(v: Float64Array, r: number): Float64Array {
  let l1 = 0;
  for (const q of v) l1 += Math.abs(q);
  if (l1 <= r) return v.slice();
  const u = Float64Array.from(v, Math.abs).sort().reverse();
  let cum = 0;
  let theta = 0;
  for (let k = 0; k < u.length; k++) {
    cum += u[k] as number;
    const t = (cum - r) / (k + 1);
    if ((u[k] as number) > t) theta = t;
  }
  return v.map((q) => Math.sign(q) * Math.max(Math.abs(q) - theta, 0));
}

/**
 * Minimises mean (c + a s + u.b - y)^2 + λ ||b||_p over (c, a, b): closed form
 * for p = 2 (λ ||b||²), accelerated proximal gradient (FISTA) for p = 1 and inf.
 * Columns: 0 = s, 1.. = u. Returns [c, a, b...].
 */
export function fitAdaProxyObjective(x: Matrix, y: Float64Array, lambda: number, norm: AdaProxyNorm): Float64Array {
  const n = x.rows;
  if (norm === 2) {
    const pen = new Float64Array(x.cols).fill(lambda * n);
    pen[0] = 1e-9 * n;
    const { model } = ridgeFit(x, y, pen);
    return Float64Array.from([model.intercept, ...model.weights]);
  }
  // centre to remove the intercept, then FISTA on (a, b)
  const p = x.cols;
  const mx = new Float64Array(p);
  let my = 0;
  for (let i = 0; i < n; i++) {
    my += y[i] as number;
    for (let j = 0; j < p; j++) mx[j] = (mx[j] as number) + (x.data[i * p + j] as number);
  }
  my /= n;
  for (let j = 0; j < p; j++) mx[j] = (mx[j] as number) / n;
  const xc: Matrix = { rows: n, cols: p, data: Float64Array.from(x.data, (v, k) => v - (mx[k % p] as number)) };
  const yc = Float64Array.from(y, (v) => v - my);
  const step = 1 / (2 * lipschitz(xc) + 1e-12);
  let theta = new Float64Array(p);
  let z = theta.slice();
  let t = 1;
  for (let it = 0; it < 3000; it++) {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = -(yc[i] as number);
      for (let j = 0; j < p; j++) s += (xc.data[i * p + j] as number) * (z[j] as number);
      r[i] = s;
    }
    const g = new Float64Array(p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) g[j] = (g[j] as number) + (2 / n) * (xc.data[i * p + j] as number) * (r[i] as number);
    const v = Float64Array.from(z, (q, j) => q - step * (g[j] as number));
    const b = v.subarray(1);
    const proxB = norm === 1 ? b.map((q) => Math.sign(q) * Math.max(Math.abs(q) - step * lambda, 0)) : b.map((q, k) => q - (projectL1(b, step * lambda)[k] as number));
    const next = new Float64Array(p);
    next[0] = v[0] as number;
    next.set(proxB, 1);
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    let delta = 0;
    z = Float64Array.from(next, (q, j) => {
      delta = Math.max(delta, Math.abs(q - (theta[j] as number)));
      return q + ((t - 1) / tNext) * (q - (theta[j] as number));
    });
    theta = next;
    t = tNext;
    if (delta < 1e-10) break;
  }
  let c = my;
  for (let j = 0; j < p; j++) c -= (mx[j] as number) * (theta[j] as number);
  return Float64Array.from([c, ...theta]);
}

function adaProxy(ctx: AdaptContext, m: Measured, options: MethodOptions): Float64Array {
  const j = bestProxyOnSamples(ctx, m);
  const design = adaProxyDesign(ctx, j);
  const norm = options.norm ?? 2;
  const k = m.rows.length;
  const v = Math.min(options.validation ?? Math.max(2, Math.round(k / 7)), k - 2);
  const order = shuffled(seededRng(options.seed ?? 0), m.rows.map((_, i) => i));
  const val = order.slice(0, v);
  const train = order.slice(v);
  const t = standardiseTarget(m.values);
  const xt = takeRows(design, train.map((i) => m.rows[i] as number));
  const yt = Float64Array.from(train, (i) => t.y[i] as number);
  const predict = (theta: Float64Array, rows: readonly number[]) =>
    rows.map((r) => {
      let s = theta[0] as number;
      for (let q = 0; q < design.cols; q++) s += (theta[q + 1] as number) * (design.data[r * design.cols + q] as number);
      return s;
    });
  let best: { srcc: number; theta: Float64Array } | undefined;
  for (const lambda of ADAPROXY_LAMBDAS) {
    const theta = fitAdaProxyObjective(xt, yt, lambda, norm);
    const pv = predict(theta, val.map((i) => m.rows[i] as number));
    const s = v >= 2 ? spearman(pv, val.map((i) => t.y[i] as number)).value : 0;
    const score = Number.isNaN(s) ? -2 : s;
    if (!best || score > best.srcc) best = { srcc: score, theta };
  }
  const all = Array.from({ length: design.rows }, (_, r) => r);
  return Float64Array.from(predict((best as { theta: Float64Array }).theta, all), (q) => q * t.sd + t.mean);
}

/**
 * Predicts the target on every row with a method, with the bagged method's
 * out-of-bag estimate of its SRCC.
 *
 * @throws {InvalidArgumentError} for an unknown method or fewer than 3 measured rows
 * @example
 * ```ts
 * const { predictions, outOfBagSrcc } = runMethod("proxy-ensemble-bagged", ctx, { rows, values }, { seed: 0 });
 * ```
 */
export function runMethod(method: AdaptMethod, ctx: AdaptContext, m: Measured, options: MethodOptions = {}): MethodResult {
  oneOf("adapt: method", method, ADAPT_METHODS);
  if (m.rows.length < 3) throw new InvalidArgumentError(`adapt: ${m.rows.length} valid target measurements; need at least 3`);
  switch (method) {
    case "proxy-ridge":
      return { predictions: proxyRidge(ctx, m, options) };
    case "proxy-ensemble":
      return { predictions: proxyEnsemble(ctx, m, options) };
    case "proxy-ensemble-bagged":
      return proxyEnsembleBagged(ctx, m, options);
    case "adaproxy":
      return { predictions: adaProxy(ctx, m, options) };
    case "least-squares":
      return { predictions: leastSquares(ctx, m) };
    case "proxy":
      return { predictions: (ctx.proxies[bestProxyOnSamples(ctx, m)] as { latency: Float64Array }).latency.slice() };
  }
}
