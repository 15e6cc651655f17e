/**
 * OneProxy's exhaustive-search Pareto figure in the paper's form: on one
 * target, three fronts drawn as curves at the target's true latency and
 * accuracy: the target's own front (per-device search), the front of the
 * proxy's latencies after adaptation on K target samples ("AdaProxy"), and
 * the front of the proxy's latencies as they are ("Proxy"). Each is an
 * exhaustive search of the whole table on one latency column; the curves
 * show how far the proxy's choice is from the target's and how much
 * adaptation closes.
 */
import { adaptTarget } from "../adapt/adapt.js";
import type { AdaptContext, AdaptMethod } from "../adapt/method.js";
import { DEFAULT_ADAPT_METHOD } from "../adapt/registry.js";
import { InvalidArgumentError } from "../errors.js";
import { frontMetrics, frontReference } from "../stats/front-metrics.js";
import { paretoFront } from "../stats/pareto.js";
import { figure, type Figure } from "../viz/figure.js";
import { logTicks } from "../viz/latency-distribution.js";

/** One of the three fronts: its rows (by the column it was searched on) and its regret on the target. */
export interface PaperFront {
  readonly name: "Target" | "AdaProxy" | "Proxy";
  readonly rows: readonly number[];
  /** Accuracy points lost against the target's front, over budgets at the 10th..90th percentiles of the target's latencies. */
  readonly regret: number;
}

/** What {@link paperFronts} returns. */
export interface PaperFronts {
  readonly target: string;
  readonly proxy: string;
  readonly samples: number;
  readonly fronts: readonly PaperFront[];
  readonly figure: Figure;
}

/** Options of {@link paperFronts}. */
export interface PaperFrontsOptions {
  /** The target's name (for the title and the adaptation's alias checks). */
  readonly target: string;
  /** Target samples of the adaptation (default 20). */
  readonly samples?: number;
  /** Adaptation method (default the library's default; `adaproxy` for the paper's own). */
  readonly method?: AdaptMethod;
  readonly seed?: number;
  readonly label?: (device: string) => string;
  readonly accuracyLabel?: string;
  readonly name?: string;
}

const STYLE: Readonly<Record<PaperFront["name"], { color: string; dash: string; symbol: string }>> = {
  Target: { color: "black", dash: "solid", symbol: "circle" },
  AdaProxy: { color: "#1f77b4", dash: "dash", symbol: "square" },
  Proxy: { color: "#d62728", dash: "dot", symbol: "x" },
};

/**
 * The three fronts on one target whose every latency is known, and the
 * figure. The context must hold exactly one proxy (the paper's setting).
 *
 * @throws {InvalidArgumentError} for a context with other than one proxy, or latencies and accuracies of other lengths than the context's rows
 * @example
 * ```ts
 * const t = await loadNb201SearchTable();
 * const f = paperFronts(adaptContext(t, ["pixel3"]), t.accuracy("cifar10"), t.latency("pixel2"), { target: "pixel2" });
 * show(f.figure);
 * ```
 */
export function paperFronts(ctx: AdaptContext, accuracy: ArrayLike<number>, latency: ArrayLike<number>, options: PaperFrontsOptions): PaperFronts {
  if (ctx.proxies.length !== 1) throw new InvalidArgumentError(`paperFronts: the context has ${ctx.proxies.length} proxies (${ctx.proxies.map((p) => p.name).join(", ")}); the paper's figure has one`);
  const proxy = ctx.proxies[0] as { name: string; latency: Float64Array };
  if (latency.length !== proxy.latency.length || accuracy.length !== proxy.latency.length) {
    throw new InvalidArgumentError(`paperFronts: ${latency.length} target latencies and ${accuracy.length} accuracies for a table of ${proxy.latency.length} rows; they must be the table's`);
  }
  const samples = options.samples ?? 20;
  const method = options.method ?? DEFAULT_ADAPT_METHOD;
  const adapted = adaptTarget(ctx, (r) => latency[r] as number, { samples, method, seed: options.seed ?? 0, target: options.target });
  const reference = frontReference(latency, accuracy);
  const front = (name: PaperFront["name"], column: ArrayLike<number>): PaperFront => {
    const rows = paretoFront(column, accuracy);
    return { name, rows, regret: frontMetrics(reference, rows).regret };
  };
  const fronts = [front("Target", latency), front("AdaProxy", adapted.predictions), front("Proxy", proxy.latency)];
  const label = options.label ?? ((d: string) => d);
  const valid = (r: number) => !Number.isNaN(latency[r] as number) && !Number.isNaN(accuracy[r] as number);
  const traces = fronts.map((f) => {
    const rows = f.rows.filter(valid).sort((a, b) => (latency[a] as number) - (latency[b] as number));
    const s = STYLE[f.name];
    const what = f.name === "AdaProxy" ? `${label(proxy.name)} adapted, K=${samples}` : f.name === "Proxy" ? `${label(proxy.name)} as it is` : "exhaustive search on the target";
    return { type: "scatter", mode: "lines+markers", name: `${f.name} (${what}; regret ${f.regret.toFixed(2)})`, x: rows.map((r) => latency[r] as number), y: rows.map((r) => accuracy[r] as number), line: { color: s.color, dash: s.dash, width: 2 }, marker: { color: s.color, symbol: s.symbol, size: 6 } };
  });
  const xs = traces.flatMap((t) => t.x);
  const ys = traces.flatMap((t) => t.y);
  // the axis from 5 points under the target's front: a proxy's pick far below it (an architecture of no accuracy) would flatten the curves
  const lo = Math.min(...(traces[0] as { y: number[] }).y) - 5;
  return {
    target: options.target,
    proxy: proxy.name,
    samples,
    fronts,
    figure: figure(
      traces,
      {
        title: { text: `Exhaustive search for ${label(options.target)}: on the target, the adapted proxy, the proxy<br><sub>each front at the target's true latency and accuracy; accuracy axis cut at ${lo.toFixed(1)} %</sub>` },
        xaxis: { title: { text: `latency on ${label(options.target)} (ms)` }, type: "log", ...logTicks(Math.min(...xs), Math.max(...xs)) },
        yaxis: { title: { text: options.accuracyLabel ?? "accuracy (%)" }, range: [lo, Math.max(...ys) + 0.5] },
        height: 480,
        legend: { orientation: "h", x: 0, y: -0.2, yanchor: "top" },
        margin: { t: 90, b: 130 },
      },
      options.name === undefined ? {} : { name: options.name },
    ),
  };
}
