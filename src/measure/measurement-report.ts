/**
 * The report of a measurement file, per runtime: how many architectures were
 * measured, failed (with reasons) and flagged; the spread of the runs; the
 * pace; and repeatability (Spearman correlation of the repeat runs against the
 * first runs of the same architectures).
 */
import { spearman } from "../stats/correlation.js";
import { quantiles } from "../stats/quantile.js";
import { combinePasses, referenceScale, type MeasurementFile, type RuntimeSection } from "./measurement-file.js";

/** One runtime's line of the report. */
export interface RuntimeReportRow {
  readonly runtime: string;
  readonly backendDetail: string;
  readonly userAgent: string;
  /** Architectures with a latency (at least one successful pass). */
  readonly measured: number;
  /** Architectures with every pass failed (missing in the CSV). */
  readonly failed: number;
  /** Failure reasons of failed passes, with their counts. */
  readonly failures: Readonly<Record<string, number>>;
  /** Architectures with a pass flagged unstable or with outlier runs. */
  readonly flagged: number;
  readonly medianLatencyMs: number;
  /** Median over architecture-passes of the coefficient of variation of their runs. */
  readonly medianCv: number;
  /** Architecture-passes per minute, from the measurement timestamps (NaN with fewer than 2). */
  readonly passesPerMinute: number;
  /** Architectures per minute: passes per minute over the protocol's passes. */
  readonly archsPerMinute: number;
  /** Repeat runs and their SRCC against the first runs (NaN without repeats). */
  readonly repeats: number;
  readonly repeatSrcc: number;
  /** Median of |repeat / first - 1| over repeated architectures. */
  readonly repeatMedianRelDiff: number;
}

function pace(section: RuntimeSection): number {
  const t = section.results.map((r) => Date.parse(r.at)).filter(Number.isFinite).sort((a, b) => a - b);
  if (t.length < 2) return NaN;
  const minutes = ((t[t.length - 1] as number) - (t[0] as number)) / 60_000;
  return minutes > 0 ? (t.length - 1) / minutes : NaN;
}

/**
 * The per-runtime report of a measurement file.
 *
 * @example
 * ```ts
 * const rows = measurementReport((await readMeasurementFile("datasets/local-nb201.csv"))!);
 * ```
 */
export function measurementReport(file: MeasurementFile): RuntimeReportRow[] {
  return Object.entries(file.runtimes).map(([runtime, s]) => {
    const scale = referenceScale(s.results);
    const combined = [...combinePasses(s.results, scale).values()];
    const ok = combined.flatMap((c) => (c.ok ? [c] : []));
    const failures: Record<string, number> = {};
    for (const r of s.results) if (!r.ok) failures[r.reason] = (failures[r.reason] ?? 0) + 1;
    const first = new Map(ok.map((c) => [c.arch, c.medianMs]));
    const pairs = [...combinePasses(s.repeats, scale).values()].flatMap((c) => (c.ok && first.has(c.arch) ? [[first.get(c.arch) as number, c.medianMs] as const] : []));
    const passCv = s.results.flatMap((r) => (r.ok ? [r.cv] : []));
    return {
      runtime,
      backendDetail: s.metadata.backendDetail,
      userAgent: s.metadata.userAgent,
      measured: ok.length,
      failed: combined.length - ok.length,
      failures,
      flagged: ok.filter((c) => c.flagged).length,
      medianLatencyMs: ok.length ? (quantiles(ok.map((r) => r.medianMs), [0.5])[0] as number) : NaN,
      medianCv: passCv.length ? (quantiles(passCv, [0.5])[0] as number) : NaN,
      passesPerMinute: pace(s),
      archsPerMinute: pace(s) / s.protocol.passes,
      repeats: pairs.length,
      repeatSrcc: pairs.length >= 3 ? spearman(Float64Array.from(pairs, (p) => p[0]), Float64Array.from(pairs, (p) => p[1])).value : NaN,
      repeatMedianRelDiff: pairs.length ? (quantiles(pairs.map(([a, b]) => Math.abs(b / a - 1)), [0.5])[0] as number) : NaN,
    };
  });
}
