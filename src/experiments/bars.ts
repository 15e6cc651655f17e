/**
 * The bars `proxynas eval` judges its protocols by: each a line
 * `bar: ... -> met|missed`. The thresholds are the project's targets (the
 * published numbers they come from live in `published.ts`); they are reported,
 * never used to fail a run.
 */
import { DEFAULT_ADAPT_METHOD } from "../adapt/registry.js";
import { PROTOCOLS, type ProtocolName, type ProtocolSummary } from "./adapt-protocols.js";
import { HELP_METAD2A_VIOLATIONS, HELP_PAPER_K10, NASFLAT_NB201_K20 } from "./published.js";
import type { OptimizeSummary } from "./optimize-protocol.js";
import type { EvolutionCurve, SearchProtocolRow } from "./search-protocol.js";
import { NB201_ACCURACIES } from "./search-protocol.js";
import { SCALE_SETTINGS, type ScaleSetting, type ScaleSummary } from "./scale-protocol.js";
import type { ReferenceSource } from "../scale/references.js";

/**
 * OneProxy protocol at K = 20: the mean SRCC over targets to reach.
 *
 * @example
 * ```ts
 * mean >= ONEPROXY_K20_MEAN_BAR ? "met" : "missed";
 * ```
 */
export const ONEPROXY_K20_MEAN_BAR = 0.92;
/**
 * OneProxy protocol at K = 20: no target's SRCC below this (the stretch bar).
 *
 * @example
 * ```ts
 * Math.min(...srcc) >= ONEPROXY_K20_MIN_BAR;
 * ```
 */
export const ONEPROXY_K20_MIN_BAR = 0.88;
/**
 * HELP protocol: the mean SRCC over targets to reach, per K.
 *
 * @example
 * ```ts
 * for (const [k, bar] of HELP_MEAN_BARS) console.log(`K=${k}: ${bar}`);
 * ```
 */
export const HELP_MEAN_BARS: readonly (readonly [k: number, bar: number])[] = [
  [10, 0.95],
  [20, 0.965],
];
/**
 * Search protocols: the adapted set's mean accuracy regret (points) on every target.
 *
 * @example
 * ```ts
 * rows.every((r) => r.adapted.regret <= SEARCH_REGRET_BAR);
 * ```
 */
export const SEARCH_REGRET_BAR = 0.1;
/**
 * Search protocols: the K samples plus the set, in target measurements.
 *
 * @example
 * ```ts
 * rows.every((r) => r.targetMeasurements <= SEARCH_MEASUREMENT_BAR);
 * ```
 */
export const SEARCH_MEASUREMENT_BAR = 100;
/**
 * NSGA-II: median regret (points) of its front at its last checkpoint.
 *
 * @example
 * ```ts
 * curve.medianRegret.at(-1)! <= NSGA2_REGRET_BAR;
 * ```
 */
export const NSGA2_REGRET_BAR = 0.05;

/**
 * Rounds to 3 decimals, as every eval table prints.
 *
 * @example
 * ```ts
 * r3(0.91749); // 0.917
 * ```
 */
export const r3 = (v: number): number => Math.round(v * 1000) / 1000;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const verdict = (ok: boolean) => (ok ? "met" : "missed");

/**
 * The bars of an adaptation protocol, and the one-fit ensemble and prior
 * variant beside the default, as lines.
 *
 * @example
 * ```ts
 * adaptationBars("help", summarise(runs)); // ["bar: K=10, mean over targets >= 0.95 (HELP: 0.932): 0.965 -> met", ...]
 * ```
 */
export function adaptationBars(name: ProtocolName, s: readonly ProtocolSummary[]): string[] {
  const p = PROTOCOLS[name];
  const at = (k: number, method: string = DEFAULT_ADAPT_METHOD) => s.filter((x) => x.k === k && x.method === method);
  const srcc = (xs: readonly ProtocolSummary[]) => xs.map((x) => x.srccAfter);
  const out: string[] = [];
  const previousDefault = () => {
    for (const k of p.ks) {
      const xs = at(k, "proxy-ensemble");
      if (xs.length) out.push(`proxy-ensemble (one fit, the default before ${DEFAULT_ADAPT_METHOD}): K=${k} mean ${r3(mean(srcc(xs)))}, min ${r3(Math.min(...srcc(xs)))}`);
    }
  };
  if (name === "oneproxy") {
    const k70 = at(70);
    if (k70.length) {
      const miss = k70.filter((x) => x.srccAfter < (p.reference.values[x.target] as number));
      out.push(`bar: K=70, every target >= the paper's AdaProxy row: ${k70.length - miss.length}/${k70.length} targets -> ${miss.length ? `missed (${miss.map((x) => `${x.target} ${r3(x.srccAfter)} < ${p.reference.values[x.target]}`).join(", ")})` : "met"}`);
    }
    const k20 = at(20);
    if (k20.length) {
      const m = mean(srcc(k20));
      const lo = Math.min(...srcc(k20));
      out.push(`bar: K=20, mean over targets >= ${ONEPROXY_K20_MEAN_BAR}: ${r3(m)} -> ${verdict(m >= ONEPROXY_K20_MEAN_BAR)}`);
      out.push(`bar: K=20, no target below ${ONEPROXY_K20_MIN_BAR}: min ${r3(lo)} -> ${verdict(lo >= ONEPROXY_K20_MIN_BAR)}`);
    }
    previousDefault();
    for (const k of [20, 70]) {
      const xs = at(k, "proxy-ridge+prior");
      if (xs.length) out.push(`with the ${p.prior} prior (not the paper's setting; related devices left out): K=${k} mean ${r3(mean(srcc(xs)))}, min ${r3(Math.min(...srcc(xs)))}, at or above the paper's row ${xs.filter((x) => x.srccAfter >= (p.reference.values[x.target] as number)).length}/${xs.length}`);
    }
  } else {
    const helpMean = r3(mean(Object.values(HELP_PAPER_K10)));
    for (const [k, bar] of HELP_MEAN_BARS) {
      const xs = at(k);
      if (xs.length) out.push(`bar: K=${k}, mean over targets >= ${bar}${k === 10 ? ` (HELP: ${helpMean})` : ""}: ${r3(mean(srcc(xs)))} -> ${verdict(mean(srcc(xs)) >= bar)}`);
    }
    previousDefault();
  }
  return out;
}

/**
 * The bars of the NAS-Bench-201 search protocol: regret and measurement count
 * per accuracy, and NSGA-II's convergence when its curve is given.
 *
 * @example
 * ```ts
 * searchBars(rows, curves, "one proxy, the paper's setting");
 * ```
 */
export function searchBars(rows: readonly SearchProtocolRow[], curves: readonly EvolutionCurve[], setting = ""): string[] {
  const out: string[] = [];
  const tag = setting ? ` (${setting})` : "";
  for (const acc of NB201_ACCURACIES) {
    const xs = rows.filter((r) => r.accuracy === acc);
    if (!xs.length) continue;
    const miss = xs.filter((r) => r.adapted.regret > SEARCH_REGRET_BAR);
    const over = xs.filter((r) => r.targetMeasurements > SEARCH_MEASUREMENT_BAR);
    out.push(`bar: ${acc}${tag}, adapted set mean regret <= ${SEARCH_REGRET_BAR} points on every target: ${xs.length - miss.length}/${xs.length} targets -> ${miss.length ? `missed (${miss.map((r) => `${r.target} ${r3(r.adapted.regret)}`).join(", ")})` : "met"}`);
    out.push(`bar: ${acc}${tag}, K + set <= ${SEARCH_MEASUREMENT_BAR} target measurements: max ${r3(Math.max(...xs.map((r) => r.targetMeasurements)))} -> ${verdict(!over.length)}`);
  }
  const nsga = curves.find((c) => c.algorithm === "nsga2");
  if (nsga) {
    const last = nsga.medianRegret[nsga.medianRegret.length - 1] as number;
    out.push(`bar: NSGA-II within ${nsga.checkpoints[nsga.checkpoints.length - 1]} evaluations, median regret <= ${NSGA2_REGRET_BAR} points: ${r3(last)} -> ${verdict(last <= NSGA2_REGRET_BAR)}`);
  }
  return out;
}

/**
 * The regret bar on the Once-for-All targets (the same {@link SEARCH_REGRET_BAR} as on NAS-Bench-201).
 *
 * @example
 * ```ts
 * ofaSearchBar(ofaRows, "one proxy");
 * ```
 */
export function ofaSearchBar(rows: readonly SearchProtocolRow[], setting: string): string {
  const miss = rows.filter((r) => r.adapted.regret > SEARCH_REGRET_BAR);
  return `bar: ofa_top1 on HELP's OFA GPUs (${setting}), pipeline set mean regret <= ${SEARCH_REGRET_BAR} points on every target: ${rows.length - miss.length}/${rows.length} -> ${miss.length ? `missed (${miss.map((r) => `${r.target} ${r3(r.adapted.regret)}`).join(", ")})` : "met"}`;
}

/**
 * Scale protocol, HELP's split, the 10 references only: the device-aware
 * method's mean SRCC over HELP's 6 test devices to reach (HELP: 0.932;
 * HELP re-runs reach 0.955).
 *
 * @example
 * ```ts
 * mean >= SCALE_HELP_MEAN_BAR ? "met" : "missed";
 * ```
 */
export const SCALE_HELP_MEAN_BAR = 0.97;

/**
 * The scale protocol's bars: on HELP's split with 10 reference
 * measurements, the device-aware mean SRCC against {@link SCALE_HELP_MEAN_BAR},
 * and every test device at or above HELP's published number; judged per
 * reference set (HELP's, and ours chosen greedily) when the summaries hold both.
 *
 * @example
 * ```ts
 * scaleBars(summariseScale(runs)); // ["bar: ... -> met", ...]
 * ```
 */
export function scaleBars(s: readonly ScaleSummary[]): string[] {
  return deviceAwareBySet(s, "references").flatMap(({ refs, xs, m }) => {
    const below = xs.filter((x) => HELP_PAPER_K10[x.target] !== undefined && x.srcc < (HELP_PAPER_K10[x.target] as number));
    const set = REFERENCE_SET_LABEL[refs];
    return [
      `bar: help split, ${set}, device-aware mean over the 6 test devices >= ${SCALE_HELP_MEAN_BAR} (HELP: 0.932): ${r3(m)} -> ${verdict(m >= SCALE_HELP_MEAN_BAR)}`,
      `bar: help split, ${set}, every test device >= HELP's number: ${xs.length - below.length}/${xs.length} -> ${below.length ? `missed (${below.map((x) => `${x.target} ${r3(x.srcc)} < ${HELP_PAPER_K10[x.target]}`).join(", ")})` : "met"}`,
    ];
  });
}

/**
 * NASFLAT's N0 is HELP's own split, judged on all 15,625 rows at 20 target
 * samples: the scale protocol's "references + random" setting (the 10
 * references and 10 random rows) is that setting, so its device-aware mean
 * over the 6 test devices is judged against NASFLAT's N0 number, per
 * reference set.
 *
 * @example
 * ```ts
 * nasflatN0Bars(summariseScale(runs)); // ["bar: NASFLAT's N0 in its own setting ... -> met", ...]
 * ```
 */
export function nasflatN0Bars(s: readonly ScaleSummary[]): string[] {
  const n0 = (NASFLAT_NB201_K20.N0 as { nasflat: number }).nasflat;
  const random = (SCALE_SETTINGS.find((x) => x.name === "references+random") as ScaleSetting).extra;
  return deviceAwareBySet(s, "references+random").map(
    ({ refs, xs, m }) => `bar: NASFLAT's N0 in its own setting (HELP's split, all 15,625 rows, K=${xs[0]?.k}: ${REFERENCE_SET_LABEL[refs]} + ${random} random), device-aware mean over the ${xs.length} test devices >= NASFLAT's ${n0}: ${r3(m)} -> ${verdict(m >= n0)}`,
  );
}

/** The device-aware summaries of one setting, per reference set present, with their mean SRCC. */
function deviceAwareBySet(s: readonly ScaleSummary[], setting: ScaleSetting["name"]): { refs: ReferenceSource; xs: ScaleSummary[]; m: number }[] {
  return (["help", "greedy", "stratified"] as const).flatMap((refs) => {
    const xs = s.filter((x) => x.setting === setting && x.method === "device-aware" && x.references === refs);
    return xs.length ? [{ refs, xs, m: xs.reduce((a, x) => a + x.srcc, 0) / xs.length }] : [];
  });
}

/** How the reports name a reference set. */
export const REFERENCE_SET_LABEL: Readonly<Record<ReferenceSource, string>> = {
  help: "HELP's 10 references",
  greedy: "our 10 greedy references",
  stratified: "10 stratified references",
};

/**
 * Dissimilar-pool protocol at K = 20: the mean over all splits to reach, and
 * the split mean none may fall below.
 *
 * @example
 * ```ts
 * DISSIMILAR_K20_BARS.mean; // 0.92
 * ```
 */
export const DISSIMILAR_K20_BARS = { mean: 0.92, min: 0.85 } as const;

/**
 * The dissimilar-pool bars of one method at K = 20: every rebuilt NASFLAT
 * split at or above NASFLAT's number, the mean over all splits, the lowest
 * split.
 *
 * @param splitMeans - the method's mean SRCC per split at K = 20
 * @example
 * ```ts
 * dissimilarBars("device-aware", { N0: 0.95, N1: 0.93 });
 * ```
 */
export function dissimilarBars(method: string, splitMeans: Readonly<Record<string, number>>): string[] {
  const names = Object.keys(splitMeans);
  if (names.length === 0) return [];
  const vals = names.map((n) => splitMeans[n] as number);
  const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
  const lo = Math.min(...vals);
  const rebuilt = names.filter((n) => NASFLAT_NB201_K20[n] !== undefined);
  const below = rebuilt.filter((n) => (splitMeans[n] as number) < (NASFLAT_NB201_K20[n] as { nasflat: number }).nasflat);
  return [
    `bar: dissimilar pools, ${method}, K=20, every rebuilt NASFLAT split >= NASFLAT's number: ${rebuilt.length - below.length}/${rebuilt.length} -> ${below.length ? `missed (${below.map((n) => `${n} ${r3(splitMeans[n] as number)} < ${(NASFLAT_NB201_K20[n] as { nasflat: number }).nasflat}`).join(", ")})` : "met"}`,
    `bar: dissimilar pools, ${method}, K=20, mean over the ${names.length} splits >= ${DISSIMILAR_K20_BARS.mean}: ${r3(mean)} -> ${verdict(mean >= DISSIMILAR_K20_BARS.mean)}`,
    `bar: dissimilar pools, ${method}, K=20, no split below ${DISSIMILAR_K20_BARS.min}: min ${r3(lo)} -> ${verdict(lo >= DISSIMILAR_K20_BARS.min)}`,
  ];
}

/**
 * The optimizer protocol's bars on CIFAR-10 (issue #20): mean regret in
 * accuracy points, share of answers over budget on the true latency, and ms
 * per answer.
 *
 * @example
 * ```ts
 * OPTIMIZE_BARS.regret; // 0.3
 * ```
 */
export const OPTIMIZE_BARS = { regret: 0.3, violations: 0.05, msPerAnswer: 5 } as const;

/**
 * The optimizer's bar lines, from its CIFAR-10 summary over every target.
 *
 * @example
 * ```ts
 * optimizeBars(summariseOptimize(runs, table)); // ["bar: ... -> met", ...]
 * ```
 */
export function optimizeBars(s: readonly OptimizeSummary[]): string[] {
  const x = s.find((y) => y.accuracy === "cifar10" && y.method === "optimizer" && y.target === "all");
  if (!x) return [];
  return [
    `bar: optimizer, CIFAR-10, mean regret <= ${OPTIMIZE_BARS.regret} points: ${x.regret.toFixed(3)} -> ${verdict(x.regret <= OPTIMIZE_BARS.regret)}`,
    `bar: optimizer, CIFAR-10, answers over budget on the true latency <= ${OPTIMIZE_BARS.violations * 100} % (HELP + MetaD2A: ${HELP_METAD2A_VIOLATIONS.violated} of ${HELP_METAD2A_VIOLATIONS.constraints}): ${(x.violations * 100).toFixed(1)} % -> ${verdict(x.violations <= OPTIMIZE_BARS.violations)}`,
    `bar: optimizer, median time per answer < ${OPTIMIZE_BARS.msPerAnswer} ms (measured here inside the protocol; npm run bench times it alone): ${x.msPerAnswer.toFixed(2)} ms -> ${verdict(x.msPerAnswer < OPTIMIZE_BARS.msPerAnswer)}`,
  ];
}

/**
 * The optimizer's regret and over-budget bars on the dissimilar-pool splits
 * (the protocol's unseen devices include them), from the answers pooled over
 * every split's targets, seeds and budgets.
 *
 * @example
 * ```ts
 * dissimilarOptimizeBars({ regret: 0.186, violations: 0.157, answers: 999 }); // ["bar: ... -> met", "bar: ... -> missed"]
 * ```
 */
export function dissimilarOptimizeBars(all: { readonly regret: number; readonly violations: number; readonly answers: number }): string[] {
  return [
    `bar: optimizer, dissimilar-pool splits, CIFAR-10, mean regret <= ${OPTIMIZE_BARS.regret} points: ${all.regret.toFixed(3)} -> ${verdict(all.regret <= OPTIMIZE_BARS.regret)}`,
    `bar: optimizer, dissimilar-pool splits, CIFAR-10, answers over budget on the true latency <= ${OPTIMIZE_BARS.violations * 100} %: ${(all.violations * 100).toFixed(1)} % of ${all.answers} -> ${verdict(all.violations <= OPTIMIZE_BARS.violations)}`,
  ];
}
