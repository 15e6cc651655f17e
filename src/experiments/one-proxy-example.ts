/**
 * One run of the one-proxy pipeline on one target, ready to show: its
 * Pareto-sets figure and a summary row (SRCC on the K samples, whether it
 * adapted, the regret of each set, the pipeline set's recall, the target
 * measurements).
 */
import type { AdaptContext } from "../adapt/method.js";
import { oneProxySearch, scoreOneProxy, type OneProxyOptions } from "../search/one-proxy.js";
import type { Figure } from "../viz/figure.js";
import { paretoSetsFigure } from "../viz/pareto-sets-figure.js";

/** What {@link oneProxyExample} returns. */
export interface OneProxyExample {
  readonly figure: Figure;
  readonly row: {
    readonly target: string;
    readonly "SRCC on K": number;
    readonly adapted: boolean;
    readonly "regret proxy front": number;
    readonly "regret proxy set": number;
    readonly "regret pipeline set": number;
    readonly "recall pipeline set": number;
    readonly "target measurements": number;
  };
}

/**
 * Runs the pipeline on a target whose every latency is known (`latency`,
 * measured row by row as the pipeline asks) and judges it on them.
 *
 * @example
 * ```ts
 * const ex = oneProxyExample(adaptContext(t, ["pixel3"]), acc, t.latency("pixel2"), { target: "pixel2", seed: 0 });
 * show(ex.figure);
 * ```
 */
export function oneProxyExample(
  ctx: AdaptContext,
  accuracy: ArrayLike<number>,
  latency: ArrayLike<number>,
  options: OneProxyOptions & { readonly target: string; readonly title?: string; readonly accuracyLabel?: string; readonly name?: string; readonly label?: (d: string) => string },
): OneProxyExample {
  const { title, accuracyLabel, name, label, ...search } = options;
  const r = oneProxySearch(ctx, accuracy, (row) => latency[row] as number, search);
  const s = scoreOneProxy(r, latency, accuracy);
  const shown = (label ?? ((d: string) => d))(options.target);
  const figure = paretoSetsFigure(
    {
      latency,
      accuracy,
      targetFront: s.targetFront,
      proxySet: r.proxySet,
      pipelineSet: r.pipelineSet,
      measured: r.measured,
      title: title ?? `${r.proxy} as proxy, target ${shown} (SRCC on K = ${r.srccMeasured.toFixed(2)}; ${r.adapted ? "adapted" : "not adapted"})`,
      ...(accuracyLabel === undefined ? {} : { accuracyLabel }),
    },
    name === undefined ? {} : { name },
  );
  return {
    figure,
    row: {
      target: shown,
      "SRCC on K": r.srccMeasured,
      adapted: r.adapted,
      "regret proxy front": s.proxyFront.regret,
      "regret proxy set": s.proxy.regret,
      "regret pipeline set": s.adapted.regret,
      "recall pipeline set": s.adapted.recall,
      "target measurements": r.targetMeasurements,
    },
  };
}
