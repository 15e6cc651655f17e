/**
 * Latency distributions per device as box plots drawn from precomputed
 * statistics (quartiles, 1st/99th percentile whiskers, mean), so a figure of
 * 27 devices x 15,625 architectures stays a few kilobytes.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { quantiles } from "../stats/quantile.js";
import { figure, type Figure } from "./figure.js";

/** Options of {@link latencyDistributionFigure}. */
export interface LatencyDistributionOptions {
  /** Devices to draw, in order (default: all, sorted by median latency). */
  readonly devices?: readonly string[];
  readonly title?: string;
  /** Log-scale latency axis (default true: devices span orders of magnitude). */
  readonly log?: boolean;
  /** Display name per device (default: the column name). */
  readonly label?: (device: string) => string;
  /** File-name-safe figure name for export. */
  readonly name?: string;
}

/**
 * One box per device: quartiles, whiskers at the 1st and 99th percentiles,
 * the mean, over the valid latencies; the hover text gives the valid count.
 *
 * @example
 * ```ts
 * show(latencyDistributionFigure(await loadTable("help-nb201"), { title: "HELP NAS-Bench-201 latencies" }));
 * ```
 */
export function latencyDistributionFigure(table: LatencyTable, options: LatencyDistributionOptions = {}): Figure {
  const stats = (options.devices ?? table.deviceNames).map((d) => {
    const col = table.latencyView(d);
    const [p01, q1, median, q3, p99] = quantiles(col, [0.01, 0.25, 0.5, 0.75, 0.99]) as [number, number, number, number, number];
    let sum = 0;
    let n = 0;
    for (const v of col) if (!Number.isNaN(v)) (sum += v), n++;
    return { d, p01, q1, median, q3, p99, mean: sum / n, n };
  });
  const ordered = options.devices ? stats : [...stats].sort((a, b) => a.median - b.median);
  const label = options.label ?? ((d: string) => d);
  const names = ordered.map((s) => label(s.d));
  return figure(
    [
      {
        type: "box",
        name: "latency",
        x: names,
        q1: ordered.map((s) => s.q1),
        median: ordered.map((s) => s.median),
        q3: ordered.map((s) => s.q3),
        lowerfence: ordered.map((s) => s.p01),
        upperfence: ordered.map((s) => s.p99),
        mean: ordered.map((s) => s.mean),
        text: ordered.map((s) => `${s.n} valid of ${table.rows}`),
        hoverinfo: "x+y+text",
        boxpoints: false,
        marker: { color: "#1f77b4" },
      },
    ],
    {
      title: { text: options.title ?? `Latency per device (${table.source})` },
      yaxis: options.log === false ? { title: { text: "latency (ms)" } } : { title: { text: "latency (ms)" }, type: "log", ...logTicks(Math.min(...ordered.map((s) => s.p01)), Math.max(...ordered.map((s) => s.p99))) },
      xaxis: { tickangle: -45, type: "category" },
      showlegend: false,
      margin: { b: 140 },
      annotations: [{ text: "box: quartiles; whiskers: 1st-99th percentile; dashed: mean", xref: "paper", yref: "paper", x: 0, y: 1.06, showarrow: false, font: { size: 11 } }],
    },
    options.name === undefined ? {} : { name: options.name },
  );
}

/** Tick values 1-2-5 per decade over [lo, hi], labelled in full (plotly's log axis labels minor ticks as bare digits). */
export function logTicks(lo: number, hi: number): { tickvals: number[]; ticktext: string[] } {
  const tickvals: number[] = [];
  if (!(lo > 0) || !(hi >= lo)) return { tickvals, ticktext: [] };
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(3));
      if (v >= lo / 2 && v <= hi * 2) tickvals.push(v);
    }
  }
  return { tickvals, ticktext: tickvals.map((v) => String(v)) };
}
