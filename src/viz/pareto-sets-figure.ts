/**
 * The Pareto-sets figure of a search: every architecture in grey, the
 * target's true front, the proxy set and the adapted set, all at true target
 * latency and accuracy.
 */
import { figure, type Figure } from "./figure.js";
import { logTicks } from "./latency-distribution.js";

/** Inputs of {@link paretoSetsFigure}: true target latencies, accuracies, and row sets. */
export interface ParetoSetsInput {
  readonly latency: ArrayLike<number>;
  readonly accuracy: ArrayLike<number>;
  readonly targetFront: readonly number[];
  readonly proxySet: readonly number[];
  readonly pipelineSet?: readonly number[];
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
 * show(paretoSetsFigure({ latency: lat, accuracy: acc, targetFront, proxySet, pipelineSet, title: "pixel2" }));
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
  if (input.pipelineSet) traces.push({ type: "scatter", mode: "markers", name: `pipeline set (${input.pipelineSet.length})`, ...pts(input.pipelineSet), marker: { color: "#1f77b4", symbol: "circle-open", size: 8, line: { width: 1.5 } } });
  if (input.measured) traces.push({ type: "scatter", mode: "markers", name: `measured K (${input.measured.length})`, ...pts(input.measured), marker: { color: "#2ca02c", symbol: "triangle-up", size: 6 } });
  const best = Math.max(...all.y);
  const lo = Math.min(...all.x);
  const hi = Math.max(...all.x);
  return figure(
    traces,
    {
      // full width (no fixed width), the legend above the data, and the cut of the accuracy axis said in the title
      title: { text: `${input.title ?? "Pareto sets at true target latency"} (accuracy axis cut at ${(best - 25).toFixed(1)} %)` },
      xaxis: { title: { text: "latency on the target (ms)" }, type: "log", ...logTicks(lo, hi) },
      yaxis: { title: { text: input.accuracyLabel ?? "accuracy (%)" }, range: [best - 25, best + 1] },
      height: 500,
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      margin: { t: 100 },
    },
    options.name === undefined ? {} : { name: options.name },
  );
}
