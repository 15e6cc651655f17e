/**
 * The cases `proxynas bench` times: what each measures, its target, how to
 * run it once, and optionally a reference timing (scipy, PyTorch) on the same data.
 */
import type { AdaptContext } from "../adapt/method.js";
import type { LatencyTable } from "../data/latency-table.js";
import { MLP_ENGINES, MlpLatencyPredictor } from "../predict/mlp-predictor.js";
import { NB201_GENOME } from "../search/genome.js";
import { PROTOCOLS } from "./adapt-protocols.js";
import { adaptContext, adaptTarget } from "../adapt/adapt.js";
import { selectSamples } from "../adapt/select.js";
import { buildNb201Network } from "../measure/nb201-network.js";
import { initBackend } from "../runtime/backend.js";
import { loadNb201Index, loadReferenceArchitectures } from "../data/load-help.js";
import { loadNb201SearchTable } from "./search-protocol.js";
import { loadTable } from "../data/load.js";
import { measureOnRuntime } from "../measure/measure-on-runtime.js";
import { mkdtempSync, rmSync } from "node:fs";
import { monotonicityMatrix } from "../stats/monotonicity-matrix.js";
import { nb201FeatureMatrix } from "../predict/nb201-features.js";
import { nb201Format } from "../spaces/nb201.js";
import { nsga2 } from "../search/nsga2.js";
import { oneProxySearch } from "../search/one-proxy.js";
import { paretoFront } from "../stats/pareto.js";
import { spawnSync } from "node:child_process";
import { tableEvaluator } from "../search/evaluator.js";
import { tableToCsv } from "../data/csv-table.js";
import { takeRows } from "../predict/ridge.js";
import { timePythonOnColumns } from "../runtime/python-reference.js";
import type { ArchitectureOptimizer } from "../scale/architecture-optimizer.js";
import { architectureOptimizer } from "../scale/optimizer-cache.js";
import { referenceRows } from "../scale/references.js";
import { ofaArchitectureOptimizer } from "../scale/ofa-optimizer-cache.js";
import type { OfaArchitectureOptimizer } from "../scale/ofa-architecture-optimizer.js";
import { OFA_ACCURACY_RESOLUTIONS, OfaAccuracyPredictor } from "../predict/ofa-accuracy-predictor.js";
import { loadOfaAccuracyPredictorWeights } from "../data/load-lut.js";
import { ofaGenomeAt } from "../search/genome.js";
import { ofaSample, type OfaArch } from "../spaces/ofa.js";
import { seededRng } from "../random.js";
import { quantiles } from "../stats/quantile.js";
import { SCALE_SPLITS } from "./scale-protocol.js";
import { timeRuns, type Timing } from "./timing.js";
import { tmpdir } from "node:os";
import path from "node:path";

/** One benchmark: what it measures, its target, how to run it once, and optionally a reference timing. */
export interface BenchCase {
  readonly name: string;
  readonly targetMs: number | undefined;
  readonly run: (mirror: string | undefined) => Promise<unknown>;
  /** Done once before timing (loading what the benchmark computes on). */
  readonly setup?: (mirror: string | undefined) => Promise<unknown>;
  /** Runs of this case (default: --runs); long cases take fewer. */
  readonly runs?: number;
  /** The bar as a minimum speed-up against the reference (e.g. 0.5: within 2x of it). */
  readonly minSpeedup?: number | undefined;
  /** Median ms of a straightforward reference on the same data (scipy), or undefined. */
  readonly reference?: (mirror: string | undefined) => Promise<{ label: string; ms: number | undefined }>;
}

const helpColumns = async (m: string | undefined) => {
  const t = await loadTable("help-nb201", m ? { mirror: m } : {});
  return t.deviceNames.map((d) => t.latency(d));
};
const REPEAT_PY = (stmt: string, runs: number) =>
  `import time, statistics\nts=[]\nfor _ in range(${runs}):\n    t=time.perf_counter()\n    ${stmt}\n    ts.append((time.perf_counter()-t)*1e3)\nprint(statistics.median(ts))`;

let refArchs: { index: number; arch: string }[] | undefined;
const helpReferenceArchs = async (m: string | undefined) => {
  if (!refArchs) {
    const opts = m ? { mirror: m } : {};
    const index = await loadNb201Index(opts);
    refArchs = (await loadReferenceArchitectures("help-nb201", opts)).map((i) => ({ index: i, arch: nb201Format(index.archAt(i)) }));
  }
  return refArchs;
};
/** Measures HELP's 10 reference architectures into a fresh file (nothing to resume). */
const measureReferences = async (runtime: string, m: string | undefined) => {
  const dir = mkdtempSync(path.join(tmpdir(), "proxynas-bench-"));
  try {
    const archs = await helpReferenceArchs(m);
    const run = { space: "nb201" as const, runtime, archs, out: path.join(dir, "refs.csv") };
    return await measureOnRuntime(run);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** Describing a new device: HELP's 10 reference architectures measured on a runtime, into a fresh file. */
function describeDevice(what: string, runtime: string, runs: number): BenchCase {
  return { name: `describe a new device: ${what}`, targetMs: undefined, runs, setup: (m) => helpReferenceArchs(m), run: (m) => measureReferences(runtime, m) };
}

/**
 * The bench cases of `proxynas bench`, in the order they run.
 *
 * @example
 * ```ts
 * const rows = await runBench(BENCH_CASES, { runs: 6 });
 * ```
 */
export const BENCH_CASES: readonly BenchCase[] = [
  { name: "load help-nb201 (27 devices x 15,625; 29 files verified + parsed)", targetMs: 1000, run: (m) => loadTable("help-nb201", m ? { mirror: m } : {}) },
  { name: "load oneproxy-nb201 (18 x 1,999; rows mapped by encoding)", targetMs: undefined, run: (m) => loadTable("oneproxy-nb201", m ? { mirror: m } : {}) },
  { name: "load help-ofa (12 x 5,000)", targetMs: undefined, run: (m) => loadTable("help-ofa", m ? { mirror: m } : {}) },
  { name: "load nb201-accuracy (15,625 x 3, CSV)", targetMs: undefined, run: (m) => loadTable("nb201-accuracy", m ? { mirror: m } : {}) },
  {
    name: "SRCC matrix, 27 devices x 15,625 (help-nb201 loaded)",
    targetMs: 200,
    setup: (m) => cachedHelp(m),
    run: async (m) => monotonicityMatrix(await cachedHelp(m), { method: "spearman" }),
    reference: async (m) => ({ label: "scipy.stats.spearmanr(X)", ms: timePythonOnColumns(await helpColumns(m), `import scipy.stats\n${REPEAT_PY("scipy.stats.spearmanr(X)", 5)}`) }),
  },
  {
    name: "Kendall tau-b matrix, 27 x 15,625 (351 pairs)",
    targetMs: 2000,
    setup: (m) => cachedHelp(m),
    run: async (m) => monotonicityMatrix(await cachedHelp(m), { method: "kendall" }),
    reference: async (m) => ({
      label: "scipy.stats.kendalltau per pair",
      ms: timePythonOnColumns(await helpColumns(m), `import scipy.stats\nk=X.shape[1]\n${REPEAT_PY("[scipy.stats.kendalltau(X[:,i],X[:,j]) for i in range(k) for j in range(i+1,k)]", 1)}`),
    }),
  },
  {
    name: "adapt call, help protocol: 9 proxies, K=20, all 15,625 rows predicted (context built)",
    targetMs: 100,
    setup: (m) => cachedAdapt(m),
    run: async (m) => {
      const { ctx, target } = await cachedAdapt(m);
      return adaptTarget(ctx, (r) => target[r] as number, { samples: 20, seed: 0 });
    },
  },
  {
    // a user passing many measurements (issue #21 item 5: 48.8 s at K = 400 with 2 proxies in the dual form alone)
    name: "adapt call, help protocol: 9 proxies, K=1,000 given rows, all 15,625 rows predicted (context built)",
    targetMs: undefined,
    runs: 1,
    setup: (m) => cachedAdapt(m),
    run: async (m) => {
      const { ctx, target } = await cachedAdapt(m);
      const rows = selectSamples(ctx.proxies.map((p) => p.latency), 1000, { strategy: "random", seed: 0 });
      return adaptTarget(ctx, (r) => target[r] as number, { samples: 1000, rows, seed: 0 });
    },
  },
  ...MLP_ENGINES.map(
    (engine): BenchCase => ({
      name: `MLP training 30-64-64-1, Adam, 5,000 rows, 50 epochs, batch 256 (${engine === "simd" ? "simd engine: WebAssembly SIMD kernels, the default" : "tfjs engine, wasm backend"})`,
      targetMs: undefined,
      // the bar: within 2x of PyTorch
      minSpeedup: engine === "simd" ? 0.5 : undefined,
      ...(engine === "tfjs" ? { runs: 3 } : {}),
      setup: async (m) => {
        await initBackend("wasm");
        return cachedHelp(m);
      },
      run: async (m) => {
        const t = await cachedHelp(m);
        const rows = Array.from({ length: 5000 }, (_, i) => i * 3);
        const x = takeRows(nb201FeatureMatrix(t.archs(), "onehot"), rows);
        const lat = t.latencyView("raspi4");
        return MlpLatencyPredictor.fit(x, rows.map((r) => lat[r] as number), { epochs: 50, batchSize: 256, validation: 0, seed: 0, backend: "wasm", engine });
      },
      reference: async () => ({ label: "same network in PyTorch CPU (median of 3)", ms: torchMlpReference() }),
    }),
  ),
  {
    name: "exhaustive NAS-Bench-201 front of one device (pixel3 latency vs CIFAR-10, 15,625 rows)",
    targetMs: 50,
    setup: (m) => cachedSearch(m),
    run: async (m) => {
      const { t } = await cachedSearch(m);
      return paretoFront(t.latencyView("pixel3"), t.accuracy("cifar10"));
    },
  },
  {
    name: "NSGA-II, 2,000 evaluations on NAS-Bench-201 (table lookups, batched per generation)",
    targetMs: undefined,
    setup: (m) => cachedSearch(m),
    run: async (m) => {
      const { t } = await cachedSearch(m);
      return nsga2(NB201_GENOME, tableEvaluator(t, "cifar10", "pixel3"), { evaluations: 2000, seed: 0 });
    },
  },
  {
    name: "one-proxy pipeline for one target (pixel3 -> pixel2: proxy band, K=20, adapt, expected-regret set over 16 refits; context built)",
    targetMs: undefined,
    setup: (m) => cachedSearch(m),
    run: async (m) => {
      const { t, ctx } = await cachedSearch(m);
      const lat = t.latencyView("pixel2");
      return oneProxySearch(ctx, t.accuracy("cifar10"), (r) => lat[r] as number, { seed: 0, target: "pixel2" });
    },
  },
  {
    name: "build + dispose one NAS-Bench-201 network in tfjs (all-3x3 cell, 15 cells)",
    targetMs: undefined,
    setup: () => initBackend("wasm"),
    run: async () => buildNb201Network("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|").dispose(),
  },
  {
    name: "optimizer answer: one new device (pixel2, from its 10 reference latencies) at its median latency, beam of 256 + 2 refinement rounds (trained optimizer loaded)",
    targetMs: 5,
    setup: (m) => cachedOptimizer(m),
    run: async (m) => {
      const o = await cachedOptimizer(m);
      return o.opt.answer(o.refMs, o.budget);
    },
  },
  {
    name: "the same answer by exhaustive search on the same predictions (all 15,625 rows predicted)",
    targetMs: undefined,
    setup: (m) => cachedOptimizer(m),
    run: async (m) => {
      const o = await cachedOptimizer(m);
      return o.opt.answer(o.refMs, o.budget, { method: "exhaustive" });
    },
  },
  {
    name: "optimizer answer: a device no pool device ranks alike (eyeriss, from its 10 reference latencies) at its median latency; the cold run makes its device-aware adaptation, the others reuse it",
    targetMs: undefined,
    setup: (m) => cachedOptimizer(m),
    run: async (m) => {
      const o = await cachedOptimizer(m);
      return o.opt.answer(o.unlike.refMs, o.unlike.budget);
    },
  },
  {
    name: "Once-for-All optimizer answer: one new GPU (titan_rtx_64, from its 10 reference latencies) at its median measured latency, top 1 (the ofa-batch split's trained optimizer loaded)",
    targetMs: undefined,
    setup: (m) => cachedOfaOptimizer(m),
    run: async (m) => {
      const o = await cachedOfaOptimizer(m);
      return o.opt.answer(o.refMs, o.budget, { top: 1 });
    },
  },
  {
    name: "the same GPU by NSGA-II on the same calibrated predictions and OFA's accuracy predictor (2,000 evaluations; one run serves every budget)",
    targetMs: undefined,
    runs: 3,
    setup: (m) => cachedOfaOptimizer(m),
    run: async (m) => {
      const o = await cachedOfaOptimizer(m);
      return nsga2(ofaGenomeAt(OFA_ACCURACY_RESOLUTIONS), (archs) => ({ accuracy: o.accuracy.predict(archs), latency: o.opt.predictLatency(o.refMs, archs).latencyMs }), { evaluations: 2000, seed: 0 });
    },
  },
  {
    name: "OFA's accuracy predictor on 1,000 random subnets (128-400-400-400-1, Float64, nonzero inputs only)",
    targetMs: undefined,
    setup: (m) => cachedOfaAccuracy(m),
    run: async (m) => (await cachedOfaAccuracy(m)).predict(OFA_BENCH_SUBNETS),
  },
  describeDevice("measure HELP's 10 reference architectures on node-wasm (paired protocol, 2 passes, process warm-up included)", "node-wasm", 3),
  describeDevice("the same 10 architectures in headless Chromium (chromium-wasm, browser start included)", "chromium-wasm", 2),
  describeDevice("the same 10 architectures in headless Firefox (firefox-wasm, browser start included)", "firefox-wasm", 2),
  {
    name: "export help-nb201 as CSV (after loading)",
    targetMs: undefined,
    run: async (m) => tableToCsv(await loadTable("help-nb201", m ? { mirror: m } : {})),
  },
];

let searchCache: Promise<{ t: LatencyTable; ctx: AdaptContext }> | undefined;
function cachedSearch(m: string | undefined): Promise<{ t: LatencyTable; ctx: AdaptContext }> {
  searchCache ??= loadNb201SearchTable(m ? { mirror: m } : {}).then((t) => ({ t, ctx: adaptContext(t, ["pixel3"]) }));
  return searchCache;
}

let optimizerCache: Promise<{ opt: ArchitectureOptimizer; refMs: number[]; budget: number; unlike: { refMs: number[]; budget: number } }> | undefined;
/** HELP's split's optimizer of seed 0 (loaded from the model cache, else trained: a few minutes), pixel2's references and median latency, and eyeriss's (no pool device ranks its references alike). */
function cachedOptimizer(m: string | undefined): Promise<{ opt: ArchitectureOptimizer; refMs: number[]; budget: number; unlike: { refMs: number[]; budget: number } }> {
  optimizerCache ??= (async () => {
    const fetch = m ? { mirror: m } : {};
    const split = SCALE_SPLITS.help;
    const latencyTable = await cachedHelp(m);
    const table = latencyTable.join(await loadTable("nb201-accuracy", fetch));
    const refs = (await referenceRows(table, { pool: split.pool, ...fetch })).rows;
    const opt = await architectureOptimizer(table, { pool: split.pool, validation: split.validation, references: refs, accuracy: "cifar10", seed: 0, latencyTable });
    const lat = table.latency("pixel2");
    const eyeriss = table.latency("eyeriss");
    return { opt, refMs: refs.map((r) => lat[r] as number), budget: quantiles(lat, [0.5])[0] as number, unlike: { refMs: refs.map((r) => eyeriss[r] as number), budget: quantiles(eyeriss, [0.5])[0] as number } };
  })();
  return optimizerCache;
}

const OFA_BENCH_SUBNETS: readonly OfaArch[] = (() => {
  const rng = seededRng(1);
  return Array.from({ length: 1000 }, () => ofaSample(rng));
})();

let ofaAccuracyCache: Promise<OfaAccuracyPredictor> | undefined;
function cachedOfaAccuracy(m: string | undefined): Promise<OfaAccuracyPredictor> {
  ofaAccuracyCache ??= loadOfaAccuracyPredictorWeights(m ? { mirror: m } : {}).then((w) => OfaAccuracyPredictor.create(w));
  return ofaAccuracyCache;
}

let ofaOptimizerCache: Promise<{ opt: OfaArchitectureOptimizer; accuracy: OfaAccuracyPredictor; refMs: number[]; budget: number }> | undefined;
/** The ofa-batch split's Once-for-All optimizer of seed 0 (loaded from the model cache, else trained: about a minute and a half), titan_rtx_64's references and median latency. */
function cachedOfaOptimizer(m: string | undefined): Promise<{ opt: OfaArchitectureOptimizer; accuracy: OfaAccuracyPredictor; refMs: number[]; budget: number }> {
  ofaOptimizerCache ??= (async () => {
    const fetch = m ? { mirror: m } : {};
    const split = SCALE_SPLITS["ofa-batch"];
    const table = await loadTable("help-ofa", fetch);
    const refs = await loadReferenceArchitectures("help-ofa", fetch);
    // answers at the default resolutions, OFA_ACCURACY_RESOLUTIONS, which the NSGA-II case searches too
    const opt = await ofaArchitectureOptimizer(table, { pool: split.pool, validation: split.validation ?? [], references: refs, seed: 0, ...fetch });
    const accuracy = await cachedOfaAccuracy(m);
    const lat = table.latency("titan_rtx_64");
    const measured = Array.from(lat).filter((v) => !Number.isNaN(v));
    return { opt, accuracy, refMs: refs.map((r) => lat[r] as number), budget: quantiles(measured, [0.5])[0] as number };
  })();
  return ofaOptimizerCache;
}

let adaptCache: Promise<{ ctx: AdaptContext; target: Float64Array }> | undefined;
function cachedAdapt(m: string | undefined): Promise<{ ctx: AdaptContext; target: Float64Array }> {
  adaptCache ??= cachedHelp(m).then((t) => ({ ctx: adaptContext(t, PROTOCOLS.help.proxies), target: t.latency("raspi4") }));
  return adaptCache;
}

let torchMs: { ms: number | undefined } | undefined;
/** PyTorch CPU time of the same MLP training, when python3-torch is installed (else undefined); measured once per bench run, shared by both engines' rows. */
function torchMlpReference(): number | undefined {
  if (!torchMs) torchMs = { ms: measureTorchMlp() };
  return torchMs.ms;
}

function measureTorchMlp(): number | undefined {
  const r = spawnSync("/usr/bin/python3", ["-c", "import torch"], { encoding: "utf8" });
  if (r.status !== 0) return undefined;
  const code = [
    "import torch, time",
    "torch.manual_seed(0); X = torch.rand(5000, 30); y = torch.rand(5000, 1)",
    "ms = []",
    "for run in range(3):",
    "    net = torch.nn.Sequential(torch.nn.Linear(30, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 1))",
    "    opt = torch.optim.Adam(net.parameters(), 1e-3); t = time.perf_counter()",
    "    for e in range(50):",
    "        perm = torch.randperm(5000)",
    "        for s in range(0, 5000, 256):",
    "            i = perm[s:s+256]; opt.zero_grad(); loss = ((net(X[i]) - y[i]) ** 2).mean(); loss.backward(); opt.step()",
    "    ms.append((time.perf_counter() - t) * 1000)",
    "print(sorted(ms)[1])",
  ].join("\n");
  const out = spawnSync("/usr/bin/python3", ["-c", code], { encoding: "utf8" });
  return out.status === 0 ? Number(out.stdout.trim()) : undefined;
}

let helpCache: { mirror: string | undefined; table: Promise<LatencyTable> } | undefined;
/** The matrix benchmarks time the computation, not the loading: load once. */
function cachedHelp(m: string | undefined): Promise<LatencyTable> {
  if (!helpCache || helpCache.mirror !== m) helpCache = { mirror: m, table: loadTable("help-nb201", m ? { mirror: m } : {}) };
  return helpCache.table;
}

/** One row of the bench table: timings, the target or reference bar, and whether it was met. */
export type BenchRow = Record<string, string | number>;

/**
 * Times each case (a first, cold run reported apart, then `runs - 1` more;
 * the median is judged against the case's target or reference).
 *
 * @example
 * ```ts
 * const rows = await runBench(BENCH_CASES.slice(0, 1), { runs: 3 });
 * rows[0]?.["median ms"];
 * ```
 */
export async function runBench(cases: readonly BenchCase[], options: { runs: number; mirror?: string | undefined; onCase?: (name: string) => void }): Promise<BenchRow[]> {
  const { runs, mirror } = options;
  const rows: BenchRow[] = [];
  for (const c of cases) {
    options.onCase?.(c.name);
    if (c.setup) await c.setup(mirror);
    const t: Timing = await timeRuns(() => c.run(mirror), c.runs ?? runs);
    const ref = c.reference ? await c.reference(mirror) : undefined;
    rows.push({
      benchmark: c.name,
      "first ms": round(t.firstMs),
      "median ms": round(t.medianMs),
      "min ms": round(t.minMs),
      runs: t.runs - 1,
      "target ms": c.targetMs ?? "",
      status: c.targetMs !== undefined ? (t.medianMs <= c.targetMs ? "met" : "missed") : c.minSpeedup !== undefined && ref?.ms !== undefined ? (ref.ms / t.medianMs >= c.minSpeedup ? `met (>= ${c.minSpeedup}x reference)` : `missed (< ${c.minSpeedup}x reference)`) : "",
      reference: ref ? (ref.ms === undefined ? `${ref.label} (not installed)` : ref.label) : "",
      "reference ms": ref?.ms === undefined ? "" : round(ref.ms),
      "speed-up vs reference": ref?.ms === undefined ? "" : Math.round((ref.ms / t.medianMs) * 100) / 100,
    });
  }
  return rows;
}

/**
 * Milliseconds to one decimal, as the bench tables print them.
 *
 * @example
 * ```ts
 * round(12.345); // 12.3
 * ```
 */
export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
