/**
 * Figures of one-proxy search: the paper's Pareto figure (every architecture
 * in grey, the target's true front, the proxy set and the adapted set, all at
 * true target latency and accuracy), regret per target, and the convergence
 * of the evolutionary searches.
 */
import type { EvolutionCurve, SearchProtocolRow } from "../search/search-protocol.js";
import { figure, type Figure } from "./figure.js";

/** Inputs of {@link paretoSetsFigure}: true target latencies, accuracies, and row sets. */
export interface ParetoSetsInput {
  readonly latency: ArrayLike<number>;
  readonly accuracy: ArrayLike<number>;
  readonly targetFront: readonly number[];
  readonly proxySet: readonly number[];
  readonly adaptedSet?: readonly number[];
  readonly measured?: readonly number[];
  readonly title?: string;
  readonly accuracyLabel?: string;
}

/**
 * The Pareto figure: all architectures (grey), the true target front (line),
 * the proxy's set and the adapted set, at their true target values.
 *
 * @example
 * ```ts
 * show(paretoSetsFigure({ latency: lat, accuracy: acc, targetFront, proxySet, adaptedSet, title: "pixel2" }));
 * ```
 */
export function paretoSetsFigure(input: ParetoSetsInput, options: { name?: string } = {}): Figure {
  const pts = (rows: readonly number[]) => {
    const ok = rows.filter((r) => !Number.isNaN(input.latency[r] as number) && !Number.isNaN(input.accuracy[r] as number));
    return { x: ok.map((r) => input.latency[r] as number), y: ok.map((r) => input.accuracy[r] as number) };
  };
  const all = pts(Array.from({ length: input.latency.length }, (_, i) => i));
  const front = pts([...input.targetFront].sort((a, b) => (input.latency[a] as number) - (input.latency[b] as number)));
  const traces: Record<string, unknown>[] = [
    { type: "scatter", mode: "markers", name: "all architectures", ...all, marker: { color: "rgba(150,150,150,0.25)", size: 3 }, hoverinfo: "skip" },
    { type: "scatter", mode: "lines+markers", name: "true target front", ...front, line: { color: "black", shape: "hv", width: 1 }, marker: { color: "black", size: 5 } },
    { type: "scatter", mode: "markers", name: `proxy set (${input.proxySet.length})`, ...pts(input.proxySet), marker: { color: "#d62728", symbol: "x", size: 7 } },
  ];
  if (input.adaptedSet) traces.push({ type: "scatter", mode: "markers", name: `adapted set (${input.adaptedSet.length})`, ...pts(input.adaptedSet), marker: { color: "#1f77b4", symbol: "circle-open", size: 8, line: { width: 1.5 } } });
  if (input.measured) traces.push({ type: "scatter", mode: "markers", name: `measured K (${input.measured.length})`, ...pts(input.measured), marker: { color: "#2ca02c", symbol: "triangle-up", size: 6 } });
  return figure(
    traces,
    {
      title: { text: input.title ?? "Pareto sets at true target latency" },
      xaxis: { title: { text: "latency on the target (ms)" }, type: "log" },
      yaxis: { title: { text: input.accuracyLabel ?? "accuracy (%)" }, range: [Math.max(...all.y) - 25, Math.max(...all.y) + 1] },
      height: 480,
      width: 760,
      legend: { x: 0.99, xanchor: "right", y: 0.02, yanchor: "bottom" },
    },
    options.name === undefined ? {} : { name: options.name },
  );
}

/**
 * Mean accuracy regret per target: the proxy's front, the proxy set and the
 * adapted set, with the 0.1-point bar.
 *
 * @example
 * ```ts
 * show(searchRegretFigure(rows.filter((r) => r.accuracy === "cifar10")));
 * ```
 */
export function searchRegretFigure(rows: readonly SearchProtocolRow[], label: (d: string) => string = (d) => d, options: { name?: string; title?: string } = {}): Figure {
  const x = rows.map((r) => label(r.target));
  return figure(
    [
      { type: "bar", name: "proxy front (paper's set)", x, y: rows.map((r) => r.proxyFront.regret), marker: { color: "#d62728" } },
      { type: "bar", name: "proxy set (band, budget - K)", x, y: rows.map((r) => r.proxy.regret), marker: { color: "#ff9896" } },
      { type: "bar", name: "pipeline set (adapted when needed)", x, y: rows.map((r) => r.adapted.regret), marker: { color: "#1f77b4" } },
      { type: "scatter", mode: "lines", name: "bar 0.1", x, y: x.map(() => 0.1), line: { color: "black", dash: "dash" } },
    ],
    {
      title: { text: options.title ?? "Accuracy regret on each target (mean over budgets at the 10th..90th latency percentiles)" },
      barmode: "group",
      yaxis: { title: { text: "regret (accuracy points)" }, type: "log" },
      xaxis: { tickangle: -45, type: "category" },
      height: 440,
      width: 1100,
      margin: { b: 120 },
    },
    options.name === undefined ? {} : { name: options.name },
  );
}

/**
 * Median regret of the found front against evaluations, one line per algorithm.
 *
 * @example
 * ```ts
 * show(evolutionCurveFigure(evolutionComparison(t, "cifar10", "pixel3")));
 * ```
 */
export function evolutionCurveFigure(curves: readonly EvolutionCurve[], options: { name?: string; title?: string } = {}): Figure {
  return figure(
    [
      ...curves.map((c) => ({ type: "scatter", mode: "lines+markers", name: c.algorithm, x: [...c.checkpoints], y: [...c.medianRegret] })),
      { type: "scatter", mode: "lines", name: "bar 0.05", x: [curves[0]?.checkpoints[0] ?? 0, curves[0]?.checkpoints.slice(-1)[0] ?? 1], y: [0.05, 0.05], line: { color: "black", dash: "dash" } },
    ],
    {
      title: { text: options.title ?? "Evolutionary search vs the exhaustive front (median over seeds)" },
      xaxis: { title: { text: "evaluations (distinct architectures queried)" } },
      yaxis: { title: { text: "regret (accuracy points)" }, type: "log" },
      height: 420,
      width: 760,
    },
    options.name === undefined ? {} : { name: options.name },
  );
}
