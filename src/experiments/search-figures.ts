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
  const dots = (name: string, y: number[], color: string, symbol: string) => ({ type: "scatter", mode: "markers", name, x, y, marker: { color, symbol, size: 9, line: { color: "white", width: 0.5 } } });
  return figure(
    [
      dots("proxy front (paper's set)", rows.map((r) => r.proxyFront.regret), "#d62728", "x"),
      dots("proxy set (band, budget - K)", rows.map((r) => r.proxy.regret), "#ff9896", "diamond"),
      dots("pipeline set (adapted when needed)", rows.map((r) => r.adapted.regret), "#1f77b4", "circle"),
    ],
    {
      title: { text: options.title ?? "Accuracy regret on each target (mean over budgets at the 10th..90th latency percentiles)" },
      // a linear axis from 0: a regret of zero shows as zero
      yaxis: { title: { text: "regret (accuracy points)" }, rangemode: "tozero", zeroline: true },
      xaxis: { tickangle: -45, type: "category" },
      height: 440,
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      margin: { b: 120, t: 90 },
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
