/**
 * Figures of latency monotonicity: the device x device heatmap, a proxy-vs-
 * target rank scatter, and correlations grouped by hardware family.
 */
import { deviceFamily } from "../data/devices.js";
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError, oneOf } from "../errors.js";
import { seededRng, shuffled } from "../random.js";
import { clusterOrder } from "../stats/cluster.js";
import { correlate } from "../stats/correlate.js";
import { reorderMatrix, type MonotonicityMatrix } from "../stats/monotonicity-matrix.js";
import { averageRanks } from "../stats/rank.js";
import { figure, type Figure } from "./figure.js";

/** Colour scale: `unit` (default) is one sequential scale on [0, 1], the same in every figure; `signed` is a diverging scale on [-1, 1] centred at 0, for matrices with negative correlations. */
export type HeatmapScale = "signed" | "unit";

/** The sequential colour scale of every [0, 1] correlation heatmap. */
export const SRCC_COLORSCALE = "Viridis";

/** Options of {@link monotonicityHeatmap}. */
export interface HeatmapOptions {
  /** `clustered` (default) orders by hierarchical clustering; `given` keeps the matrix order. */
  readonly order?: "clustered" | "given";
  readonly scale?: HeatmapScale;
  readonly title?: string;
  /** Display label per device (default: the column name). */
  readonly label?: (device: string) => string;
  /** Write each value in its cell (default true). */
  readonly annotate?: boolean;
  readonly name?: string;
}

/**
 * An annotated heatmap of a monotonicity matrix with a fixed colour scale
 * (sequential on [0, 1] by default, so that colours compare across figures).
 *
 * @example
 * ```ts
 * show(monotonicityHeatmap(monotonicityMatrix(table), { scale: "unit", label: displayName }));
 * ```
 */
export function monotonicityHeatmap(m: MonotonicityMatrix, options: HeatmapOptions = {}): Figure {
  const order = oneOf("monotonicityHeatmap: order", options.order ?? "clustered", ["clustered", "given"] as const);
  const scale = oneOf("monotonicityHeatmap: scale", options.scale ?? "unit", ["signed", "unit"] as const);
  const mm = order === "clustered" ? reorderMatrix(m, clusterOrder(m)) : m;
  const label = options.label ?? ((d: string) => d);
  const names = mm.devices.map(label);
  const k = names.length;
  const size = Math.max(420, Math.min(1100, 160 + 34 * k));
  return figure(
    [
      {
        type: "heatmap",
        z: mm.matrix.map((r) => r.map((v) => (Number.isNaN(v) ? null : v))),
        x: names,
        y: names,
        zmin: scale === "signed" ? -1 : 0,
        zmax: 1,
        ...(scale === "signed" ? { zmid: 0, colorscale: "RdBu", reversescale: true } : { colorscale: SRCC_COLORSCALE }),
        colorbar: { title: { text: mm.method === "kendall" ? "Kendall tau" : mm.method === "pearson" ? "Pearson r" : "SRCC" } },
        ...(options.annotate === false ? {} : { texttemplate: "%{z:.2f}", textfont: { size: k > 20 ? 8 : 10 } }),
        customdata: mm.pairs,
        hovertemplate: "%{y} vs %{x}: %{z:.4f} (%{customdata} rows)<extra></extra>",
      },
    ],
    {
      title: { text: options.title ?? `Latency monotonicity (${mm.method})` },
      width: size + 120,
      height: size,
      xaxis: { tickangle: -45, type: "category" },
      yaxis: { autorange: "reversed", type: "category" },
      margin: { l: 130, b: 130 },
    },
    options.name === undefined ? {} : { name: options.name },
  );
}

/**
 * Proxy rank vs target rank (as percentiles), one point per architecture valid
 * on both; the title gives the SRCC. At most `maxPoints` points are drawn (a
 * seeded sample), the SRCC is over all.
 *
 * @example
 * ```ts
 * show(rankScatterFigure(table, "true_vpu", "eagle_gtx"));
 * ```
 */
export function rankScatterFigure(table: LatencyTable, proxy: string, target: string, options: { maxPoints?: number; seed?: number; label?: (d: string) => string; name?: string } = {}): Figure {
  const a = table.latencyView(proxy);
  const b = table.latencyView(target);
  const rows: number[] = [];
  for (let r = 0; r < table.rows; r++) if (!Number.isNaN(a[r] as number) && !Number.isNaN(b[r] as number)) rows.push(r);
  if (rows.length < 2) throw new InvalidArgumentError(`rankScatterFigure: ${proxy} and ${target} share ${rows.length} valid rows; need at least 2`);
  const ra = averageRanks(rows.map((r) => a[r] as number));
  const rb = averageRanks(rows.map((r) => b[r] as number));
  const srcc = correlate(a, b, "spearman");
  const maxPoints = options.maxPoints ?? 4000;
  let keep = rows.map((_, i) => i);
  if (keep.length > maxPoints) {
    keep = shuffled(seededRng(options.seed ?? 0), keep).slice(0, maxPoints).sort((x, y) => x - y);
  }
  const n = rows.length;
  const label = options.label ?? ((d: string) => d);
  return figure(
    [
      {
        type: "scatter",
        mode: "markers",
        x: keep.map((i) => (100 * ((ra[i] as number) - 1)) / (n - 1)),
        y: keep.map((i) => (100 * ((rb[i] as number) - 1)) / (n - 1)),
        text: keep.map((i) => table.archAt(rows[i] as number)),
        marker: { size: 3, opacity: 0.5, color: "#1f77b4" },
        hovertemplate: "%{text}<br>proxy %{x:.1f}, target %{y:.1f}<extra></extra>",
      },
      { type: "scatter", mode: "lines", x: [0, 100], y: [0, 100], line: { color: "#999", dash: "dash" }, hoverinfo: "skip" },
    ],
    {
      title: { text: `${label(proxy)} vs ${label(target)}: SRCC ${srcc.value.toFixed(3)} over ${srcc.pairs} architectures${keep.length < n ? ` (${keep.length} drawn)` : ""}` },
      xaxis: { title: { text: `latency rank on ${label(proxy)} (percentile)` }, range: [0, 100] },
      yaxis: { title: { text: `latency rank on ${label(target)} (percentile)` }, range: [0, 100] },
      showlegend: false,
      width: 620,
      height: 560,
    },
    options.name === undefined ? {} : { name: options.name },
  );
}

/**
 * Correlations grouped by hardware family: for each family, the correlations
 * of its devices with devices of the same family and with devices of other
 * families (each unordered pair once per side).
 *
 * @example
 * ```ts
 * show(familyCorrelationFigure(monotonicityMatrix(help)));
 * ```
 */
export function familyCorrelationFigure(m: MonotonicityMatrix, options: { title?: string; name?: string } = {}): Figure {
  const fam = m.devices.map((d) => deviceFamily(d) ?? "other");
  const same: { x: string[]; y: number[]; text: string[] } = { x: [], y: [], text: [] };
  const other: { x: string[]; y: number[]; text: string[] } = { x: [], y: [], text: [] };
  for (let i = 0; i < m.devices.length; i++) {
    for (let j = 0; j < m.devices.length; j++) {
      if (i === j) continue;
      const v = (m.matrix[i] as number[])[j] as number;
      if (Number.isNaN(v)) continue;
      const into = fam[i] === fam[j] ? same : other;
      if (into === same && j < i) continue;
      into.x.push(fam[i] as string);
      into.y.push(v);
      into.text.push(`${m.devices[i]} vs ${m.devices[j]}`);
    }
  }
  const families = [...new Set(fam)].sort();
  return figure(
    [
      { type: "box", name: "same family", ...same, boxpoints: "all", jitter: 0.4, pointpos: 0, marker: { size: 4, color: "#d62728" }, hovertemplate: "%{text}: %{y:.3f}<extra></extra>" },
      { type: "box", name: "other families", ...other, boxpoints: "all", jitter: 0.4, pointpos: 0, marker: { size: 3, color: "#1f77b4" }, hovertemplate: "%{text}: %{y:.3f}<extra></extra>" },
    ],
    {
      title: { text: options.title ?? `${m.method === "spearman" ? "SRCC" : m.method} by hardware family` },
      boxmode: "group",
      xaxis: { type: "category", categoryorder: "array", categoryarray: families },
      yaxis: { title: { text: m.method === "spearman" ? "SRCC" : m.method }, range: [Math.min(0, ...same.y, ...other.y) - 0.02, 1.02] },
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 0.9, y1: 0.9, line: { dash: "dot", color: "#555" } }],
      annotations: [{ xref: "paper", x: 1, y: 0.9, text: "0.9: reuse the proxy", showarrow: false, xanchor: "right", yanchor: "bottom", font: { size: 11 } }],
    },
    options.name === undefined ? {} : { name: options.name },
  );
}
