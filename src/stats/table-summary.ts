/**
 * Per-column summary statistics of a latency table: valid and missing
 * counts, min, median, mean and max over the valid values.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { medianSorted } from "./quantile.js";

/** Per-column summary statistics over valid values. */
export interface ColumnSummary {
  readonly column: string;
  readonly kind: "latency" | "accuracy";
  readonly valid: number;
  readonly missing: number;
  /** Values that were the `-1` "not measured" sentinel in the source. */
  readonly sentinels: number;
  readonly min: number;
  readonly median: number;
  readonly mean: number;
  readonly max: number;
}

/**
 * One summary per device column, then per accuracy column.
 *
 * @example
 * ```ts
 * show(tableView(tableSummary(await loadTable("help-nb201"))));
 * ```
 */
export function tableSummary(table: LatencyTable): ColumnSummary[] {
  const one = (column: string, kind: "latency" | "accuracy", col: Float64Array): ColumnSummary => {
    const v = Float64Array.from(col.filter((x) => !Number.isNaN(x))).sort();
    const m = table.missingCount(kind === "latency" ? column : `acc:${column}`);
    return {
      column,
      kind,
      valid: v.length,
      missing: m.missing,
      sentinels: m.sentinels,
      min: v.length ? (v[0] as number) : Number.NaN,
      median: medianSorted(v),
      mean: v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN,
      max: v.length ? (v[v.length - 1] as number) : Number.NaN,
    };
  };
  return [...table.deviceNames.map((d) => one(d, "latency", table.latencyView(d))), ...table.accuracyNames.map((a) => one(a, "accuracy", table.accuracy(a)))];
}
