/**
 * The evaluation protocols of proxy adaptation (docs/methods.md, issue "AdaProxy
 * done right"): which dataset, proxies, targets and sample counts, and the
 * published numbers each is compared with.
 *
 * - `oneproxy`: `oneproxy-nb201`, proxy `true_vpu`, every other device a
 *   target, K in {10, 20, 70}. Reference: the paper's AdaProxy row.
 * - `help`: `help-nb201`, HELP's 9 training devices as the proxy pool, its 6
 *   test devices as targets, K in {5, 10, 20}. Reference: HELP at K = 10.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { loadTable } from "../data/load.js";
import { HELP_PAPER_K10, ONEPROXY_PAPER_VPU_ROW } from "./published.js";
import type { FetchOptions } from "../data/fetch.js";
import { hstack, ridgeFit, ridgePredict } from "../predict/ridge.js";
import { pearson, spearman } from "../stats/correlation.js";
import { adaptContext, adaptTarget, scoreAdaptation } from "../adapt/adapt.js";
import type { AdaptContext, AdaptMethod } from "../adapt/method.js";
import type { SelectionStrategy } from "../adapt/select.js";

/**
 * The adaptation protocols: OneProxy's (one proxy, 16 targets) and HELP's (9 proxies, 6 targets).
 *
 * @example
 * ```ts
 * const name: ProtocolName = "help";
 * ```
 */
export type ProtocolName = "oneproxy" | "help";
/**
 * Every {@link ProtocolName}.
 *
 * @example
 * ```ts
 * for (const name of PROTOCOL_NAMES) await runProtocol(PROTOCOLS[name], { seeds: 3 });
 * ```
 */
export const PROTOCOL_NAMES: readonly ProtocolName[] = ["oneproxy", "help"];

/** A protocol's definition. */
export interface Protocol {
  readonly name: ProtocolName;
  readonly dataset: string;
  readonly proxies: readonly string[];
  readonly targets: readonly string[];
  readonly ks: readonly number[];
  /**
   * A dataset of other devices used as prior knowledge by the extra method
   * `proxy-ridge+prior` (devices related to each target are left out). The
   * published methods use no prior: that variant is reported apart.
   */
  readonly prior?: string;
  /** Published SRCC per target to compare with, and at which K. */
  readonly reference: { readonly label: string; readonly k: number; readonly values: Readonly<Record<string, number>> };
}

/**
 * The adaptation protocols: dataset, proxies, targets, sample counts, and the published numbers each is compared with.
 *
 * @example
 * ```ts
 * PROTOCOLS.oneproxy.ks; // [10, 20, 70]
 * PROTOCOLS.help.reference.values.pixel2; // 0.802
 * ```
 */
export const PROTOCOLS: Readonly<Record<ProtocolName, Protocol>> = {
  oneproxy: {
    name: "oneproxy",
    dataset: "oneproxy-nb201",
    proxies: ["true_vpu"],
    targets: Object.keys(ONEPROXY_PAPER_VPU_ROW),
    ks: [10, 20, 70],
    prior: "help-nb201",
    reference: { label: "OneProxy paper, AdaProxy (60 + 10 samples)", k: 70, values: Object.fromEntries(Object.entries(ONEPROXY_PAPER_VPU_ROW).map(([d, v]) => [d, v.adaProxy])) },
  },
  help: {
    name: "help",
    dataset: "help-nb201",
    proxies: ["1080ti_1", "1080ti_32", "1080ti_256", "silver_4114", "silver_4210r", "samsung_a50", "pixel3", "essential_ph_1", "samsung_s7"],
    targets: ["titan_rtx_256", "gold_6226", "fpga", "pixel2", "raspi4", "eyeriss"],
    ks: [5, 10, 20],
    reference: { label: "HELP (meta-learned), 10 samples", k: 10, values: HELP_PAPER_K10 },
  },
};

/** One adaptation run of a protocol. */
export interface ProtocolRun {
  readonly protocol: ProtocolName;
  readonly target: string;
  readonly k: number;
  /** The method, or `proxy-ridge+prior` for proxy-ridge with the protocol's prior. */
  readonly method: AdaptMethod | "proxy-ridge+prior";
  readonly select: SelectionStrategy;
  readonly seed: number;
  readonly srccBefore: number;
  readonly srccAfter: number;
  readonly srccUnmeasured: number;
  /** The method's estimate from the samples alone (`Adaptation.outOfBagSrcc`), when it gives one. */
  readonly srccOutOfBag?: number;
  readonly ms: number;
}

/** Options of {@link runProtocol}. */
export interface RunProtocolOptions extends FetchOptions {
  readonly seeds?: number;
  readonly methods?: readonly AdaptMethod[];
  readonly select?: SelectionStrategy;
  /** Sample counts (default: the protocol's). */
  readonly ks?: readonly number[];
  readonly onProgress?: (line: string) => void;
  /** A table already loaded (default: the protocol's dataset). */
  readonly table?: LatencyTable;
  /** `false` skips the protocol's prior variant. */
  readonly prior?: false;
}

/**
 * Runs a protocol: every target x K x method x seed.
 *
 * @example
 * ```ts
 * const runs = await runProtocol(PROTOCOLS.help, { seeds: 10 });
 * summarise(runs);
 * ```
 */
export async function runProtocol(p: Protocol, options: RunProtocolOptions = {}): Promise<{ runs: ProtocolRun[]; ceilings: Record<string, number> }> {
  const table = options.table ?? (await loadTable(p.dataset, options));
  const ctx = adaptContext(table, p.proxies);
  const withPrior = p.prior && options.prior !== false ? adaptContext(table, p.proxies, { prior: await loadTable(p.prior, options) }) : undefined;
  const seeds = options.seeds ?? 10;
  const methods = options.methods ?? ["proxy-ensemble-bagged", "proxy-ensemble", "proxy-ridge", "adaproxy", "proxy", "least-squares"];
  const select = options.select ?? "stratified";
  const runs: ProtocolRun[] = [];
  const ceilings: Record<string, number> = {};
  for (const target of p.targets) {
    const col = table.latency(target);
    ceilings[target] = ceilingSrcc(ctx, col);
    for (const k of options.ks ?? p.ks) {
      const variants: [AdaptContext, AdaptMethod, ProtocolRun["method"]][] = methods.map((m) => [ctx, m, m]);
      if (withPrior) variants.push([withPrior, "proxy-ridge", "proxy-ridge+prior"]);
      for (const [c, method, label] of variants) {
        for (let seed = 0; seed < seeds; seed++) {
          const t0 = performance.now();
          const a = adaptTarget(c, (r) => col[r] as number, { samples: k, method, select, seed, target });
          const ms = performance.now() - t0;
          const s = scoreAdaptation(c, a, col);
          runs.push({ protocol: p.name, target, k, method: label, select, seed, srccBefore: s.srccBefore, srccAfter: s.srccAfter, srccUnmeasured: s.srccUnmeasured, ...(a.outOfBagSrcc === undefined ? {} : { srccOutOfBag: a.outOfBagSrcc }), ms });
        }
      }
      options.onProgress?.(`${p.name}: ${target} K=${k} done`);
    }
  }
  return { runs, ceilings };
}

/**
 * The ceiling of the proxy-ridge model on a target: fitted on every valid row
 * (small fixed penalty), SRCC of its fit. What K samples can at best approach.
 *
 * @example
 * ```ts
 * const ctx = adaptContext(help, PROTOCOLS.help.proxies);
 * ceilingSrcc(ctx, help.latency("pixel2"));
 * ```
 */
export function ceilingSrcc(ctx: AdaptContext, target: Float64Array): number {
  const rows: number[] = [];
  for (let r = 0; r < target.length; r++) if (!Number.isNaN(target[r] as number)) rows.push(r);
  const cols: Float64Array[] = [];
  ctx.proxies.forEach((p, j) => cols.push(p.latency, ctx.fitted[j] as Float64Array));
  const x = hstack([...cols, ctx.onehot, ctx.live]);
  const xs = { rows: rows.length, cols: x.cols, data: new Float64Array(rows.length * x.cols) };
  rows.forEach((r, i) => xs.data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), i * x.cols));
  const { model } = ridgeFit(xs, rows.map((r) => target[r] as number), new Float64Array(x.cols).fill(1e-3));
  return spearman(ridgePredict(model, x), target).value;
}

/** Mean over seeds of one (target, K, method). */
export interface ProtocolSummary {
  readonly target: string;
  readonly k: number;
  readonly method: ProtocolRun["method"];
  readonly srccAfter: number;
  readonly srccBefore: number;
  readonly srccUnmeasured: number;
  readonly seeds: number;
  readonly msPerCall: number;
}

/**
 * Means over seeds, per (target, K, method), in run order.
 *
 * @example
 * ```ts
 * const { runs } = await runProtocol(PROTOCOLS.help, { seeds: 3 });
 * summarise(runs).filter((s) => s.k === 10);
 * ```
 */
export function summarise(runs: readonly ProtocolRun[]): ProtocolSummary[] {
  const groups = new Map<string, ProtocolRun[]>();
  for (const r of runs) {
    const key = `${r.target}\u0000${r.k}\u0000${r.method}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return [...groups.values()].map((g) => {
    const f = g[0] as ProtocolRun;
    return {
      target: f.target,
      k: f.k,
      method: f.method,
      srccAfter: mean(g.map((r) => r.srccAfter)),
      srccBefore: mean(g.map((r) => r.srccBefore)),
      srccUnmeasured: mean(g.map((r) => r.srccUnmeasured)),
      seeds: g.length,
      msPerCall: mean(g.map((r) => r.ms)),
    };
  });
}

/** How well a method's out-of-bag estimate tracks the true SRCC, at one K. */
export interface EstimateCalibration {
  readonly k: number;
  /** Runs (target x seed) that gave an estimate. */
  readonly runs: number;
  readonly meanEstimate: number;
  readonly meanTrue: number;
  /** Mean of |estimate - true| over the runs. */
  readonly meanAbsError: number;
  /** Pearson correlation of estimate and true SRCC over the runs (NaN when either is constant). */
  readonly pearson: number;
}

/**
 * Per K, the out-of-bag estimates of `method`'s runs against their true SRCC
 * over all valid rows (`srccAfter`). Ks where no run gave an estimate are left out.
 *
 * @example
 * ```ts
 * estimateCalibration(runs, "proxy-ensemble-bagged"); // [{ k: 10, runs: 160, meanEstimate: 0.84, meanTrue: 0.92, ... }, ...]
 * ```
 */
export function estimateCalibration(runs: readonly ProtocolRun[], method: ProtocolRun["method"]): EstimateCalibration[] {
  const ks = [...new Set(runs.map((r) => r.k))];
  const out: EstimateCalibration[] = [];
  for (const k of ks) {
    const xs = runs.filter((r) => r.k === k && r.method === method && r.srccOutOfBag !== undefined);
    if (xs.length === 0) continue;
    const e = xs.map((r) => r.srccOutOfBag as number);
    const t = xs.map((r) => r.srccAfter);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    out.push({ k, runs: xs.length, meanEstimate: mean(e), meanTrue: mean(t), meanAbsError: mean(e.map((v, i) => Math.abs(v - (t[i] as number)))), pearson: pearson(e, t).value });
  }
  return out;
}
