/**
 * The OneProxy paper's first check, reproduced: the SRCC of the Myriad VPU
 * (the paper's proxy) with each of its 16 targets before adaptation, beside
 * the paper's heatmap row. The paper's EdgeTPU number counts the source's
 * `-1` entries (failed measurements) as if they were latencies; proxynas
 * leaves them out, so both are given.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError } from "../errors.js";
import { correlate } from "../stats/correlate.js";
import { figure, type Figure } from "../viz/figure.js";
import { ONEPROXY_PAPER_VPU_ROW } from "./published.js";

/** The paper's proxy column. */
const VPU = "true_vpu";

/** One target of the paper's VPU row. */
export interface VpuRowEntry {
  readonly column: string;
  /** The paper's number (2 decimals). */
  readonly paper: number;
  /** SRCC over the rows where both latencies are valid. */
  readonly proxynas: number;
  /** SRCC with the target's missing values put back as the source's `-1`, as the paper computed it (equal to `proxynas` when the target misses nothing). */
  readonly sentinelsKept: number;
  /** Rows of the valid-pairs SRCC. */
  readonly pairs: number;
}

/**
 * The VPU row of the OneProxy table (`oneproxy-nb201`, or a table holding its columns).
 *
 * @throws {InvalidArgumentError} when the table lacks the VPU or one of the paper's targets
 * @example
 * ```ts
 * const row = vpuRowAgainstPaper(await loadTable("oneproxy-nb201"));
 * row.find((r) => r.column === "rice_edgetpu"); // { paper: 0.87, proxynas: 0.8966, sentinelsKept: 0.8765, ... }
 * ```
 */
export function vpuRowAgainstPaper(table: LatencyTable): VpuRowEntry[] {
  const missing = [VPU, ...Object.keys(ONEPROXY_PAPER_VPU_ROW)].filter((d) => !table.deviceNames.includes(d));
  if (missing.length) throw new InvalidArgumentError(`vpu row: ${table.source} has no column ${missing.join(", ")}; give oneproxy-nb201 (columns ${[VPU, ...Object.keys(ONEPROXY_PAPER_VPU_ROW)].join(", ")})`);
  const vpu = table.latency(VPU);
  return Object.entries(ONEPROXY_PAPER_VPU_ROW).map(([column, paper]) => {
    const lat = table.latency(column);
    const r = correlate(vpu, lat, "spearman");
    const kept = lat.some((v) => Number.isNaN(v)) ? correlate(vpu, lat.map((v) => (Number.isNaN(v) ? -1 : v)), "spearman").value : r.value;
    return { column, paper: paper.proxy, proxynas: r.value, sentinelsKept: kept, pairs: r.pairs };
  });
}

/**
 * The row as a dot plot: the paper's number and proxynas's per target (the
 * accuracy axis from 0.5, said in the title).
 *
 * @example
 * ```ts
 * show(vpuRowFigure(vpuRowAgainstPaper(oneproxy), displayName));
 * ```
 */
export function vpuRowFigure(rows: readonly VpuRowEntry[], label: (d: string) => string = (d) => d, options: { name?: string } = {}): Figure {
  const x = rows.map((r) => label(r.column));
  return figure(
    [
      { type: "scatter", mode: "markers", name: "paper", x, y: rows.map((r) => r.paper), marker: { color: "#999", symbol: "diamond", size: 10 } },
      { type: "scatter", mode: "markers", name: "proxynas (-1 kept where the paper kept it)", x, y: rows.map((r) => r.sentinelsKept), marker: { color: "#1f77b4", size: 8 } },
    ],
    {
      title: { text: "Myriad VPU as proxy: SRCC per target, paper vs proxynas (axis from 0.5)" },
      yaxis: { range: [0.5, 1], title: { text: "SRCC" } },
      xaxis: { tickangle: -45, type: "category" },
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      margin: { t: 90 },
    },
    options.name === undefined ? {} : { name: options.name },
  );
}
