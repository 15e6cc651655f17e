/**
 * The adaptation methods by name: which function predicts for each, the
 * default, and one entry point that checks its input once.
 */
import { InvalidArgumentError, oneOf } from "../errors.js";
import { adaProxy } from "./adaproxy.js";
import { deviceAware } from "./device-aware.js";
import { leastSquares } from "./least-squares.js";
import { ADAPT_METHODS, type AdaptContext, type AdaptMethod, type Measured, type MethodOptions, type MethodResult } from "./method.js";
import { operationCounts } from "./operation-counts.js";
import { proxyEnsemble } from "./proxy-ensemble.js";
import { proxyEnsembleBagged } from "./proxy-ensemble-bagged.js";
import { proxyOnly } from "./proxy-only.js";
import { proxyRidge } from "./proxy-ridge.js";

/**
 * The default method of `adaptTarget` and `proxynas adapt`: the best measured
 * on both protocols (10 seeds; OneProxy K = 10 / 20 / 70: 0.917 / 0.942 /
 * 0.966 against 0.910 / 0.938 / 0.965 for `proxy-ensemble`; HELP K = 5 / 10 /
 * 20: 0.951 / 0.965 / 0.970 against 0.951 / 0.961 / 0.968), about 1.3x its
 * time at K = 20.
 *
 * @example
 * ```ts
 * adaptTarget(ctx, measure, { samples: 10 }).method === DEFAULT_ADAPT_METHOD; // true
 * ```
 */
export const DEFAULT_ADAPT_METHOD: AdaptMethod = "proxy-ensemble-bagged";

/** Each method's prediction of every row. */
const METHODS: Readonly<Record<AdaptMethod, (ctx: AdaptContext, m: Measured, options: MethodOptions) => MethodResult>> = {
  "proxy-ridge": (ctx, m, o) => ({ predictions: proxyRidge(ctx, m, o) }),
  "proxy-ensemble": (ctx, m, o) => ({ predictions: proxyEnsemble(ctx, m, o) }),
  "proxy-ensemble-bagged": proxyEnsembleBagged,
  adaproxy: (ctx, m, o) => ({ predictions: adaProxy(ctx, m, o) }),
  "least-squares": (ctx, m) => ({ predictions: leastSquares(ctx, m) }),
  "operation-counts": (ctx, m) => ({ predictions: operationCounts(ctx, m) }),
  proxy: (ctx, m) => ({ predictions: proxyOnly(ctx, m) }),
  "device-aware": deviceAware,
};

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
  const result = METHODS[method](ctx, m, options);
  // the bagged method reports each of its fits; the others make one
  if (method !== "proxy-ensemble-bagged" && method !== "device-aware") options.onFit?.(1, 1);
  return result;
}
