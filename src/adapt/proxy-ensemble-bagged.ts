/**
 * `proxy-ensemble-bagged` (the default): `proxy-ensemble` averaged over the
 * fit on all K samples and {@link BAG_COUNT} seeded refits on subsets of
 * them, with an out-of-bag estimate of its own SRCC from the samples alone.
 */
import { InvalidArgumentError } from "../errors.js";
import { blockRidge } from "../predict/block-ridge.js";
import { ridgePredict, takeRows, type Matrix } from "../predict/ridge.js";
import { deriveSeed, seededRng, shuffled } from "../random.js";
import { spearman } from "../stats/correlation.js";
import { standardise } from "../stats/zscore.js";
import { PENALTY_GRID, type AdaptContext, type Measured, type MethodOptions, type MethodResult } from "./method.js";
import { ensembleDesignList, looWeights } from "./proxy-ensemble.js";

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
  const rng = seededRng(deriveSeed(seed, "bagging"));
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
export function proxyEnsembleBagged(ctx: AdaptContext, given: Measured, options: MethodOptions): MethodResult {
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
  for (const [fit, idx] of subsets.entries()) {
    const rows = idx.map((i) => m.rows[i] as number);
    const t = standardise(Float64Array.from(idx, (i) => m.values[i] as number));
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
    options.onFit?.(fit + 1, fits);
  }
  const n = ctx.onehot.rows;
  const out = new Float64Array(n);
  designs.forEach((d, j) => {
    const pred = ridgePredict(agg[j] as { intercept: number; weights: Float64Array }, d.x);
    for (let r = 0; r < n; r++) out[r] = (out[r] as number) + (pred[r] as number);
  });
  const scored = [...oobCount.keys()].filter((i) => (oobCount[i] as number) > 0);
  // back in the order the samples were given
  const outOfBag = new Float64Array(m.rows.length).fill(Number.NaN);
  order.forEach((given, sorted) => {
    if ((oobCount[sorted] as number) > 0) outOfBag[given] = (oobSum[sorted] as number) / (oobCount[sorted] as number);
  });
  if (scored.length < OOB_MIN) return { predictions: out, outOfBag };
  const srcc = spearman(
    scored.map((i) => (oobSum[i] as number) / (oobCount[i] as number)),
    scored.map((i) => m.values[i] as number),
  ).value;
  return Number.isNaN(srcc) ? { predictions: out, outOfBag } : { predictions: out, outOfBagSrcc: srcc, outOfBag };
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
