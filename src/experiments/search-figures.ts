/**
 * Figures of the search protocol: mean regret per target and the convergence
 * of the evolutionary searches.
 */
import { figure, type Figure } from "../viz/figure.js";
import type { EvolutionCurve, SearchProtocolRow } from "./search-protocol.js";

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
