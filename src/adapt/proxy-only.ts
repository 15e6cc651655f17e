/** `proxy`: no adaptation, the proxy best by SRCC on the samples as the prediction (the baseline). */
import { spearman } from "../stats/correlation.js";
import type { AdaptContext, Measured } from "./method.js";

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


/** Predicts every row with the best proxy's latency (a copy). */
export function proxyOnly(ctx: AdaptContext, m: Measured): Float64Array {
  return (ctx.proxies[bestProxyOnSamples(ctx, m)] as { latency: Float64Array }).latency.slice();
}
