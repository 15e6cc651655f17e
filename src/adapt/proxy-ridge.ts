/**
 * `proxy-ridge`: target ≈ intercept + Σ_j α_j z(proxy_j) + Σ_j β_j z(linear
 * fit of proxy_j) + shared operation costs + per-edge correction (one-hot and
 * live one-hot), in milliseconds. Three penalties (proxies with shared costs,
 * one-hot, live) chosen by exact leave-one-out; with a prior, other devices'
 * operator models form a fourth block. See docs/methods.md.
 */
import { relatedDevice } from "../data/devices.js";
import { hstack, type Matrix } from "../predict/ridge.js";
import { zscore } from "../stats/zscore.js";
import { blockRidgePredict } from "./block-ridge-fit.js";
import type { AdaptContext, Measured, MethodOptions } from "./method.js";

/** The proxy-ridge design of a context and a set of prior devices (computed once each). */
const designs = new WeakMap<AdaptContext, Map<string, { x: Matrix; blocks: number[] }>>();
export function proxyRidgeDesign(ctx: AdaptContext, target: string | undefined): { x: Matrix; blocks: number[] } {
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

/** Predicts every row with `proxy-ridge`. */
export function proxyRidge(ctx: AdaptContext, m: Measured, options: MethodOptions): Float64Array {
  const d = proxyRidgeDesign(ctx, options.target);
  return blockRidgePredict(d.x, d.blocks, m);
}
