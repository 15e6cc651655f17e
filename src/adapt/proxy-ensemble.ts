/**
 * `proxy-ensemble`: a weighted mean of three block-ridge models (the proxies
 * alone; their operator-level fits with the shared costs and the per-edge
 * correction; `proxy-ridge`'s full design), each weighted by the inverse of
 * its exact leave-one-out error on the K samples.
 */
import { InvalidArgumentError } from "../errors.js";
import { hstack, type Matrix } from "../predict/ridge.js";
import { zscore } from "../stats/zscore.js";
import { blockRidgeWithLoo, type EnsembleMember } from "./block-ridge-fit.js";
import { PENALTY_GRID, type AdaptContext, type Measured, type MethodOptions } from "./method.js";
import { proxyRidgeDesign } from "./proxy-ridge.js";

const ensembleDesigns = new WeakMap<AdaptContext, { raw: Matrix; fittedDelta: Matrix; fittedBlocks: number[] }>();

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

/** The designs of `proxy-ensemble`'s three members, in order. */
export function ensembleDesignList(ctx: AdaptContext, options: MethodOptions): { x: Matrix; blocks: number[] }[] {
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

/** Predicts every row with `proxy-ensemble`. */
export function proxyEnsemble(ctx: AdaptContext, m: Measured, options: MethodOptions): Float64Array {
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
