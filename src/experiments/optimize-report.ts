/**
 * The optimizer protocol's section of `npm run eval` (`--protocol optimize`):
 * regret, answers over budget, time per answer and hypervolume of the
 * optimizer and of search on the same predictions, on HELP's 6 unseen
 * devices; CIFAR-10 on every seed, CIFAR-100 and ImageNet16-120 on 3 (full
 * runs only); then the same on the dissimilar-pool splits, and the
 * Once-for-All optimizer on the ofa-batch split against NSGA-II.
 */
import { tableView, type Cell } from "../viz/table.js";
import { dissimilarOptimizeBars, optimizeBars } from "./bars.js";
import type { ReportBlock, ReportSection, SectionOptions } from "./eval-report.js";
import { OPTIMIZE_METHODS, runOptimizeProtocol, summariseOptimize, type OptimizeRun } from "./optimize-protocol.js";
import { PREFERENCE_WEIGHTS, runPreferenceProtocol, summarisePreference } from "./preference-protocol.js";
import { POOL_SIMILARITY_GATE, PREFERENCE_SWEEP } from "../scale/architecture-optimizer.js";
import { quantiles } from "../stats/quantile.js";
import { SCALE_SPLITS } from "./scale-protocol.js";
import { OFA_MIXTURES } from "../scale/ofa-optimizer-cache.js";
import { NB201_ACCURACIES } from "./search-protocol.js";
import { loadTable } from "../data/load.js";
import { runDissimilarOptimize, type DissimilarOptimize } from "./optimize-dissimilar.js";
import { runMetaD2AComparison, summariseMetaD2A } from "./metad2a-comparison.js";
import { OFA_OPTIMIZE_METHODS, runOfaOptimizeProtocol, summariseOfaOptimize } from "./ofa-optimize-protocol.js";

/** Seeds of CIFAR-100 and ImageNet16-120 in a 10-seed run (each seed trains two optimizers per accuracy). */
const OTHER_ACCURACY_SEEDS = 3;

/** Seeds of the dissimilar-pool splits in a 10-seed run (each split trains its own model and optimizer per seed). */
const DISSIMILAR_SEEDS = 3;

/** Seeds of the Once-for-All part in a 10-seed run, and otherwise (each seed trains a device-aware model and an optimizer, about 100 s). */
const OFA_SEEDS = { full: 3, quick: 1 } as const;

/**
 * What the optimizer's `auto` check did on CIFAR-10: how many (device, seed)
 * pairs the device model checked and how many the device-aware adaptation
 * did, and the time the adaptation adds to a device's first answer.
 */
export function autoCheckLine(runs: readonly OptimizeRun[]): string {
  const byDevice = new Map<string, OptimizeRun[]>();
  for (const r of runs) {
    if (r.method !== "optimizer" || r.accuracy !== "cifar10") continue;
    const k = `${r.split}\u0000${r.target}\u0000${r.seed}`;
    const g = byDevice.get(k);
    if (g) g.push(r);
    else byDevice.set(k, [r]);
  }
  const lists = [...byDevice.values()];
  const adapted = lists.filter((g) => g[0]?.check === "device-aware");
  const all = lists.flat();
  const median = (v: number[]) => (v.length ? (quantiles(v, [0.5])[0] as number).toFixed(1) : "-");
  const firstMs = adapted.map((g) => (g[0] as OptimizeRun).ms);
  const restMs = lists.flatMap((g) => (g[0]?.check === "device-aware" ? g.slice(1) : g).map((r) => r.ms));
  const mean = all.reduce((a, r) => a + r.ms, 0) / Math.max(1, all.length);
  return `the optimizer's check (auto): the device model for ${lists.length - adapted.length} of ${lists.length} devices x seeds (a pool device ranks their reference latencies alike, SRCC >= ${POOL_SIMILARITY_GATE}), the device-aware adaptation on the same references for ${adapted.length}, made in such a device's first answer (median ${median(firstMs)} ms) and kept for its other budgets (other answers: median ${median(restMs)} ms); mean ${mean.toFixed(1)} ms per answer`;
}

/**
 * Runs the optimizer protocol and reports it.
 *
 * @example
 * ```ts
 * const section = await optimizeSection({ seeds: 3 });
 * ```
 */
export async function optimizeSection(options: SectionOptions): Promise<ReportSection> {
  const split = SCALE_SPLITS.help;
  const { seeds } = options;
  const other = seeds >= 10 ? OTHER_ACCURACY_SEEDS : 0;
  options.onProgress?.(`eval: optimize (${split.targets.length} unseen devices x 9 budgets x ${seeds} seeds on CIFAR-10${other ? `, ${other} seeds on CIFAR-100 and ImageNet16-120` : ""})`);
  const t0 = performance.now();
  const mirror = options.mirror ? { mirror: options.mirror } : {};
  // the latency table read once: the device-aware model is trained on it, the optimizer on it joined with the accuracies
  const latencyTable = await loadTable(split.dataset, mirror);
  const table = latencyTable.join(await loadTable("nb201-accuracy", mirror));
  const { runs, training } = await runOptimizeProtocol(split, { seeds, otherAccuracySeeds: other, table, latencyTable, ...mirror, onProgress: (l) => options.onProgress?.(`  ${l}`) });
  const seconds = (performance.now() - t0) / 1000;
  const s = summariseOptimize(runs, table);
  const f = (x: number, d: number) => Number(x.toFixed(d));
  const overall: Record<string, Cell>[] = NB201_ACCURACIES.flatMap((accuracy) =>
    OPTIMIZE_METHODS.flatMap((method) => {
      const x = s.find((y) => y.accuracy === accuracy && y.method === method && y.target === "all");
      return x ? [{ accuracy, method, seeds: x.seeds, answers: x.answers, "regret (points)": f(x.regret, 3), "over budget %": f(100 * x.violations, 1), "ms per answer": f(x.msPerAnswer, 2), "hypervolume share": f(x.hvRatio, 4) }] : [];
    }),
  );
  const perTarget: Record<string, Cell>[] = split.targets.map((target) => {
    const cells: Record<string, Cell> = { target };
    for (const method of ["optimizer", "exhaustive on predictions"] as const) {
      const x = s.find((y) => y.accuracy === "cifar10" && y.method === method && y.target === target);
      cells[`${method} regret`] = x ? f(x.regret, 3) : "";
      cells[`${method} over %`] = x ? f(100 * x.violations, 1) : "";
    }
    return cells;
  });
  const opt = training.filter((t) => t.synthetic > 0);
  const meanS = opt.reduce((a, t) => a + t.ms, 0) / opt.length / 1000;
  const margins = [...new Set(opt.map((t) => `${t.margin.constant} + ${t.margin.perSd} x sd`))];
  const blocks: ReportBlock[] = [
    {
      kind: "heading",
      text: `protocol optimize: ${split.dataset}, optimizer and device-aware model trained on HELP's ${split.pool.length} training devices and ${opt[0]?.synthetic ?? 0} synthetic mixtures of them, validation devices ${split.validation.join(", ")} (early stopping); each of HELP's ${split.targets.length} test devices described by its 10 reference latencies only; budgets the 10th..90th percentiles of its true latencies; regret against the exact optimum over all 15,625 architectures under the true latency`,
    },
    { kind: "table", view: tableView(overall) },
    { kind: "paragraph", text: "CIFAR-10 per test device:" },
    { kind: "table", view: tableView(perTarget) },
    { kind: "lines", lines: [...optimizeBars(s), autoCheckLine(runs)] },
    {
      kind: "lines",
      lines: [
        "regret: best accuracy within the budget minus the answer's, never below 0 (an answer over budget counts as over budget, not as a gain); exhaustive and NSGA-II (1,000 evaluations, one run per device serving its 9 budgets) search the predictions the optimizer's check uses (the calibrated device model, or the device-aware adaptation) with the same margin; one proxy: pixel3 adapted on the same 10 reference latencies (proxy-ensemble-bagged), the most accurate row predicted within the budget with the same margin; ms per answer: median wall time, the exhaustive search predicting all 15,625 rows per answer, the one-proxy pipeline's adaptation (once per device) counted in each answer",
        `training: ${meanS.toFixed(1)} s per optimizer (mean of ${opt.length}, device-aware model not included); feasibility margin (log units, sd: the device's residual sd on its references): ${margins.join("; ")}`,
        `MODNAS (ICLR 2025) reports hypervolume on these devices in its own normalisation; not compared here`,
        `time: ${seconds.toFixed(1)} s`,
      ],
    },
  ];
  // HELP + MetaD2A's own constraints (its Table 4, CIFAR-100): the CIFAR-100 optimizers trained above answer them
  let metad2a: unknown = null;
  if (other > 0) {
    const m0 = performance.now();
    const mRuns = await runMetaD2AComparison({ seeds: other, table, latencyTable, ...mirror });
    const mRows = summariseMetaD2A(mRuns);
    const over = mRuns.filter((r) => r.over).length;
    const pubOver = mRows.filter((r) => r.published.latencyMs > r.published.constraintMs).length;
    const gap = (f: (r: (typeof mRows)[number]) => number) => mRows.reduce((a, r) => a + f(r), 0) / mRows.length;
    blocks.push(
      { kind: "paragraph", text: `HELP + MetaD2A's own latency constraints (HELP's Table 4: 3 on each of 5 unseen devices, CIFAR-100 accuracy, NAS-Bench-201's 200-epoch test accuracy): the CIFAR-100 optimizers above (${other} seeds), each device described by its 10 reference latencies only, the first answer judged on the device's true latency; HELP + MetaD2A's answers as published (each is an architecture of the table, with the same latency and accuracy); optimum: the best accuracy within the constraint over all 15,625 architectures.` },
      {
        kind: "table",
        view: tableView(
          mRows.map((r) => ({
            device: r.published.device,
            "constraint (ms)": r.published.constraintMs,
            "HELP + MetaD2A latency": r.published.latencyMs,
            "HELP + MetaD2A accuracy": r.published.accuracy,
            "optimizer latency (mean)": f(r.latencyMs, 2),
            "optimizer accuracy (mean)": f(r.accuracy, 2),
            "optimizer over": `${r.over} of ${r.seeds}`,
            optimum: f(r.optimumAccuracy, 2),
          })),
        ),
      },
      {
        kind: "lines",
        lines: [
          `constraints violated: optimizer ${over} of ${mRuns.length} answers (${((100 * over) / mRuns.length).toFixed(1)} %), HELP + MetaD2A ${pubOver} of ${mRows.length} (${((100 * pubOver) / mRows.length).toFixed(1)} %)`,
          `mean accuracy: optimizer ${gap((r) => r.accuracy).toFixed(2)} %, HELP + MetaD2A ${gap((r) => r.published.accuracy).toFixed(2)} % (its over-budget answers included), optimum ${gap((r) => r.optimumAccuracy).toFixed(2)} %`,
          `time: ${((performance.now() - m0) / 1000).toFixed(1)} s`,
        ],
      },
    );
    metad2a = { runs: mRuns, rows: mRows };
  }
  // a preference weight instead of a budget
  const p0 = performance.now();
  const pref = summarisePreference(await runPreferenceProtocol(split, { seeds, table, latencyTable, ...mirror, onProgress: (l) => options.onProgress?.(`  ${l}`) }));
  const prefRows: Record<string, Cell>[] = [Number.NaN, ...PREFERENCE_WEIGHTS].map((w) => {
    const cells: Record<string, Cell> = { weight: Number.isNaN(w) ? "all" : w };
    for (const method of ["optimizer", "exhaustive on predictions"] as const) {
      const x = pref.find((y) => y.method === method && (Number.isNaN(w) ? Number.isNaN(y.weight) : y.weight === w));
      cells[`${method} regret`] = x ? f(x.regret, 4) : "";
      cells[`${method} exact %`] = x ? f(100 * x.exact, 1) : "";
    }
    return cells;
  });
  const prefAll = (m: string) => pref.find((y) => y.method === m && Number.isNaN(y.weight));
  blocks.push(
    { kind: "paragraph", text: `A preference weight w instead of a budget (CIFAR-10, ${seeds} seeds, the same optimizers and devices): utility w x (accuracy - the space's median) / (best - median) - (1 - w) x ln(latency / fastest reference) / ln(slowest / fastest reference); regret: the exact optimum's utility minus the answer's, both under the true latency. The optimizer sweeps ${PREFERENCE_SWEEP.budgets} budgets (beam ${PREFERENCE_SWEEP.beam}, ${PREFERENCE_SWEEP.refine} refinement round) and ranks the pooled answers by utility; exhaustive search ranks every calibrated prediction. No bar: reported.` },
    { kind: "table", view: tableView(prefRows) },
    {
      kind: "lines",
      lines: (["optimizer", "exhaustive on predictions"] as const).flatMap((m) => {
        const x = prefAll(m);
        return x ? [`${m}: mean utility regret ${x.regret.toFixed(4)}, ${(100 * x.exact).toFixed(1)} % exact, mean |accuracy gap| ${x.meanAbsAccuracyGap.toFixed(2)} points, latency ${x.latencyRatio.toFixed(3)} x the optimum's (geometric mean), ${x.ms.toFixed(1)} ms per answer (median; ${x.answers} answers)`] : [];
      }).concat([`time: ${((performance.now() - p0) / 1000).toFixed(1)} s`]),
    },
  );
  let dissimilar: unknown = null;
  if (seeds >= 10) {
    const d0 = performance.now();
    options.onProgress?.(`eval: optimize on the dissimilar-pool splits (${DISSIMILAR_SEEDS} seeds, CIFAR-10)`);
    const d = await runDissimilarOptimize({ seeds: DISSIMILAR_SEEDS, methods: ["optimizer", "exhaustive on predictions", "optimizer, device-model check"], ...mirror, onProgress: (l) => options.onProgress?.(`  ${l}`) });
    const { blocks: dBlocks, all } = dissimilarOptimizeBlocks(d, DISSIMILAR_SEEDS, performance.now() - d0);
    blocks.push(...dBlocks);
    dissimilar = { rows: Object.fromEntries(Object.entries(d.tables).map(([name, t]) => [name, t.rows])), summary: all, training: d.training };
  }
  // Once-for-All's MobileNetV3 space: no exact optima, so judged against search on each GPU's latency model; report, no bar
  const o0 = performance.now();
  const ofaSeeds = seeds >= 10 ? OFA_SEEDS.full : OFA_SEEDS.quick;
  options.onProgress?.(`eval: optimize on Once-for-All (the ofa-batch split, ${ofaSeeds} seed(s))`);
  const ofaRun = await runOfaOptimizeProtocol({ seeds: ofaSeeds, ...mirror, onProgress: (l) => options.onProgress?.(`  ${l}`) });
  const ofaSum = summariseOfaOptimize(ofaRun.runs);
  const ofaSplit = SCALE_SPLITS["ofa-batch"];
  const ofaRows: Record<string, Cell>[] = OFA_OPTIMIZE_METHODS.map((method) => {
    const cells: Record<string, Cell> = { method };
    for (const target of [...ofaSplit.targets, "all"]) {
      const x = ofaSum.find((y) => y.method === method && y.target === target);
      cells[`${target} regret`] = x ? f(x.regret, 3) : "";
    }
    const all = ofaSum.find((y) => y.method === method && y.target === "all");
    if (all) Object.assign(cells, { "over budget %": f(100 * all.violations, 1), "target measurements": all.measurements, "ms per answer": f(all.msPerAnswer, 0) });
    return cells;
  });
  const ofaTrainS = ofaRun.training.reduce((a, t) => a + t.ms, 0) / ofaRun.training.length / 1000;
  blocks.push(
    { kind: "paragraph", text: `Once-for-All MobileNetV3 (help-ofa, the ofa-batch split; ${ofaSeeds} seed(s), 9 budgets per GPU, the 10th..90th percentiles of its measured latencies): the optimizer trained on ${ofaSplit.pool.join(", ")} and ${OFA_MIXTURES} positive mixtures of them, early-stopped on ${(ofaSplit.validation ?? []).join(", ")}, labels from NSGA-II (1,000 evaluations per device) on OFA's accuracy predictor and each device's linear surrogate of the device-aware model; each batch-64 GPU described by its 10 reference latencies only. The space cannot be enumerated: a subnet's latency is judged by the GPU's ridge model of its 5,000 measured subnets (held-out SRCC ${ofaSplit.targets.map((t) => `${t} ${(ofaRun.heldOutSrcc[t] ?? Number.NaN).toFixed(3)}`).join(", ")}), its accuracy by OFA's predictor (ImageNet top-1, points); regret against the best subnet within the budget that any method evaluated. NSGA-II: 2,000 evaluations, one run per GPU serving its 9 budgets, on the optimizer's calibrated predictions with its margin, or on the GPU's model (per-device search, each evaluation a measurement). No bar: reported.` },
    { kind: "table", view: tableView(ofaRows) },
    { kind: "lines", lines: [`training: ${ofaTrainS.toFixed(1)} s per optimizer (labels included, device-aware model not; mean of ${ofaRun.training.length}), margin ${ofaRun.training[0]?.margin ?? ""} (log); most of an answer's time is OFA's accuracy predictor on the candidates within the budget`, `time: ${((performance.now() - o0) / 1000).toFixed(1)} s`] },
  );
  if (seeds < 10) blocks.push({ kind: "lines", lines: [`note: the bars are judged on the mean of 10 seeds; this run used ${seeds} (CIFAR-10 only)`] });
  const csv = s.filter((x) => x.target !== "all").map((x) => ["optimize", `${x.accuracy}:${x.target}`, 10, x.method, x.seeds, "", x.regret, x.violations, x.msPerAnswer].join(","));
  csv.push(...ofaSum.filter((x) => x.target !== "all").map((x) => ["optimize", `ofa_top1:${x.target}`, x.measurements, x.method, x.seeds, "", x.regret, x.violations, x.msPerAnswer].join(",")));
  return { blocks, json: { summary: s, training, bars: optimizeBars(s), seconds, seeds, dissimilar, metad2a, preference: pref, ofa: { summary: ofaSum, training: ofaRun.training, heldOutSrcc: ofaRun.heldOutSrcc } }, csv };
}

/**
 * The report blocks of the optimizer on the dissimilar-pool splits: per
 * split regret and answers over budget, the pooled lines and their bars.
 *
 * @example
 * ```ts
 * const d = await runDissimilarOptimize({ seeds: 3 });
 * const { blocks } = dissimilarOptimizeBlocks(d, 3, 1000);
 * ```
 */
export function dissimilarOptimizeBlocks(d: DissimilarOptimize, seeds: number, ms: number): { blocks: ReportBlock[]; all: { method: "optimizer" | "exhaustive on predictions" | "optimizer, device-model check"; answers: number; regret: number; violations: number }[] } {
  const perSplit: Record<string, Cell>[] = Object.entries(d.tables).map(([name, table]) => {
    const ds = summariseOptimize(d.runs.filter((r) => r.split === name), table);
    const cells: Record<string, Cell> = { split: name, rows: table.rows };
    for (const method of ["optimizer", "exhaustive on predictions"] as const) {
      const x = ds.find((y) => y.method === method && y.target === "all");
      cells[`${method} regret`] = x ? Number(x.regret.toFixed(3)) : "";
      cells[`${method} over %`] = x ? Number((100 * x.violations).toFixed(1)) : "";
    }
    return cells;
  });
  // pooled over splits: every answer counts once (hypervolume is per split's rows, so not pooled)
  const all = (["optimizer", "exhaustive on predictions", "optimizer, device-model check"] as const).flatMap((method) => {
    const g = d.runs.filter((r) => r.method === method);
    return g.length ? [{ method, answers: g.length, regret: g.reduce((a, r) => a + r.regret, 0) / g.length, violations: g.filter((r) => r.over).length / g.length }] : [];
  });
  const optimizer = all.find((x) => x.method === "optimizer");
  const blocks: ReportBlock[] = [
    { kind: "paragraph", text: `The same optimizer on the dissimilar-pool splits of the scale protocol (CIFAR-10, ${seeds} seeds, 9 budgets per target): trained on each split's pool and synthetic mixtures of it alone (no validation devices: no early stopping, the default margin), each target described by its latencies on 10 stratified reference rows; regret against the exact optimum over the split's rows. The bars of HELP's split apply: these targets are unseen devices too.` },
    { kind: "table", view: tableView(perSplit) },
    { kind: "lines", lines: [...(optimizer ? dissimilarOptimizeBars(optimizer) : []), ...all.map((x) => `all splits, ${x.method}: regret ${x.regret.toFixed(3)} points, ${(100 * x.violations).toFixed(1)} % over budget (${x.answers} answers)`), autoCheckLine(d.runs), `time: ${(ms / 1000).toFixed(1)} s`] },
  ];
  return { blocks, all };
}
