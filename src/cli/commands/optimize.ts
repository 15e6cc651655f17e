/**
 * `proxynas optimize`: the most accurate NAS-Bench-201 architectures (or
 * Once-for-All subnets, on help-ofa) for a new device within a latency
 * budget, from the device's latencies on the reference architectures, by the
 * architecture optimizer (one forward pass and a beam, each answer checked
 * against the device-aware predictor).
 */
import type { Command } from "commander";
import { loadTable } from "../../data/load.js";
import { InvalidArgumentError, oneOf } from "../../errors.js";
import { readMeasurements } from "../../measure/user-measurements.js";
import type { LatencyTable } from "../../data/latency-table.js";
import { architectureOptimizer, OPTIMIZER_SYNTHETIC } from "../../scale/optimizer-cache.js";
import { OFA_MIXTURES, ofaArchitectureOptimizer } from "../../scale/ofa-optimizer-cache.js";
import { referenceRows } from "../../scale/references.js";
import { quantiles } from "../../stats/quantile.js";
import { NB201_ACCURACIES } from "../../experiments/search-protocol.js";
import { intOption, loadSource, mirrorOption } from "../options.js";
import { devicePool, referenceLatencies } from "../pool.js";

/** `4.5` (ms) or `p30` (the 30th percentile of the device's predicted latencies). */
function parseBudget(v: string): { ms: number } | { percentile: number } {
  const q = /^p(\d+(?:\.\d+)?)$/.exec(v.trim());
  if (q) {
    const p = Number(q[1]);
    if (!(p > 0 && p < 100)) throw new InvalidArgumentError(`--budget: ${JSON.stringify(v)}: a percentile must be in (0, 100), e.g. p30`);
    return { percentile: p / 100 };
  }
  const ms = Number(v);
  if (v.trim() === "" || !(ms > 0) || !Number.isFinite(ms)) throw new InvalidArgumentError(`--budget: ${JSON.stringify(v)}; valid: a latency in ms > 0 (e.g. 4.5) or a percentile of the device's predicted latencies (e.g. p30)`);
  return { ms };
}

/** A preference weight in [0, 1]. */
function parseWeight(v: string): number {
  const w = Number(v);
  if (v.trim() === "" || !(w >= 0 && w <= 1)) throw new InvalidArgumentError(`--preference: ${JSON.stringify(v)}; valid: a weight in [0, 1] (1: the most accurate, 0: the fastest)`);
  return w;
}

/** What the Once-for-All path takes from the parsed options. */
interface OfaSettings {
  readonly format: "json" | "text";
  readonly top: number;
  readonly seed: number;
  readonly budget: { ms: number } | { percentile: number } | undefined;
  readonly weight: number | undefined;
  readonly fetch: { mirror?: string };
  readonly mixtures: number;
}

/** `optimize` on a Once-for-All table: the OFA optimizer of the pool (cached), answering subnets that need not be in the table. */
async function optimizeOfa(table: LatencyTable, dataset: string, opts: Record<string, string | undefined>, s: OfaSettings): Promise<void> {
  if (s.weight !== undefined) throw new InvalidArgumentError("optimize: --preference answers NAS-Bench-201 tables only; on Once-for-All give --budget (ms or pN)");
  if (!s.budget) throw new InvalidArgumentError("optimize: give --budget (ms or pN)");
  const { pool, validation } = devicePool("optimize", dataset, opts);
  const file = opts["latencies"] as string;
  const measured = await readMeasurements(file, table);
  const refs = (await referenceRows(table, { pool, seed: s.seed, ...s.fetch })).rows;
  const refMs = referenceLatencies(file, table, refs, measured);
  const opt = await ofaArchitectureOptimizer(table, { pool, validation, references: refs, seed: s.seed, mixtures: s.mixtures, ...s.fetch, onProgress: (m) => process.stderr.write(`optimize: ${m}\n`) });
  const budgetMs = "ms" in s.budget ? s.budget.ms : (quantiles(opt.predictLatency(refMs, table.archs()).latencyMs, [s.budget.percentile])[0] as number);
  const t0 = performance.now();
  const a = opt.answer(refMs, budgetMs, { top: s.top });
  const ms = performance.now() - t0;
  const answers = a.answers.map((c) => {
    const row = table.rowOfArch(c.arch);
    return { arch: c.arch, index: row === undefined ? null : table.indexAt(row), predictedLatencyMs: c.predictedLatencyMs, predictedAccuracy: c.predictedAccuracy };
  });
  const result = { dataset, accuracy: "imagenet-top1 (OFA's predictor)", budgetMs, ...("percentile" in s.budget ? { budgetPercentile: s.budget.percentile * 100 } : {}), answers, checked: a.checked, margin: a.calibration.margin, msPerAnswer: ms, pool };
  if (s.format === "json") process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(`budget ${budgetMs.toPrecision(4)} ms${"percentile" in s.budget ? ` (p${s.budget.percentile * 100} of the predicted latencies of the table's subnets)` : ""}, OFA's predicted ImageNet top-1; ${answers.length} answer(s), best first:\n`);
    for (const x of answers) process.stdout.write(`  ${x.predictedAccuracy.toFixed(2).padStart(6)} %  ${x.predictedLatencyMs.toPrecision(4).padStart(8)} ms  ${x.index === null ? "not in the table" : `index ${String(x.index).padStart(5)}`}  ${x.arch}\n`);
    process.stdout.write(`from the optimizer's beam and one-gene changes of its best (${a.checked} subnets checked), in ${ms.toFixed(1)} ms; predicted latencies from the device-aware model's linear surrogate calibrated to the reference measurements, margin e^${a.calibration.margin.toFixed(3)}\n`);
  }
}

export function registerOptimize(program: Command): void {
  mirrorOption(
    program
      .command("optimize")
      .description("the most accurate NAS-Bench-201 architectures for a new device within a latency budget, from its latencies on the reference architectures: no search over the space, one forward pass of the optimizer, its beam and their one-edge changes checked against the latency predictor")
      .requiredOption("--dataset <name>", "the table whose devices train the optimizer: NAS-Bench-201 (e.g. help-nb201) or Once-for-All MobileNetV3 (help-ofa)")
      .requiredOption("--latencies <file>", "CSV arch,latency_ms with the reference architectures (as proxynas measure --archs references writes it)")
      .option("--budget <ms|pN>", "latency budget in ms, or pN: the N-th percentile of the device's predicted latencies")
      .option("--preference <w>", "instead of a budget: a weight in [0, 1] between accuracy (1) and latency (0); the answers of highest utility (docs/methods.md)")
      .option("--accuracy <name>", `accuracy to maximise: ${NB201_ACCURACIES.join("|")} (Once-for-All: OFA's predicted ImageNet top-1, always)`, "cifar10")
      .option("--top <n>", "answers to print, best first", "5")
      .option("--pool <list>", "devices the models are trained on, comma-separated (default on help-nb201: HELP's 9 training devices; on help-ofa: HELP's 9 OFA training GPU settings)")
      .option("--validation-devices <list>", "devices for early stopping (default with the default pool: HELP's validation devices, 4 on help-nb201, titan_rtx_1 and titan_rtx_32 on help-ofa)")
      .option("--seed <n>", "seed of the models", "0")
      .option("--synthetic <n>", `synthetic devices mixed from the pool beside its real devices when the optimizer is trained (default ${OPTIMIZER_SYNTHETIC} on NAS-Bench-201, ${OFA_MIXTURES} on Once-for-All)`)
      .option("--check <predictor>", "what checks each answer's latency against the budget (NAS-Bench-201): auto (the device model, or the device-aware adaptation when no pool device ranks the references like this one), device-model (the device-aware model calibrated to the references) or device-aware (its blend with the pool's proxy adaptation on the same references; fewer answers over budget on devices unlike the pool; --budget only), docs/scaling.md", "auto")
      .option("--margin-sd <rule>", "which error sd scales the feasibility margin (NAS-Bench-201, --budget): device-model (the device model's residual sd on the references, whichever predictor checks) or checking (the adaptation's own held-out error when it checks: less regret, more answers over budget on devices unlike the pool), docs/experiments.md", "device-model")
      .option("--format <fmt>", "json|text", "json"),
  ).action(async (opts: Record<string, string | undefined>) => {
    const format = oneOf("--format", opts["format"], ["json", "text"] as const);
    const check = oneOf("--check", opts["check"], ["auto", "device-model", "device-aware"] as const);
    const marginSd = oneOf("--margin-sd", opts["marginSd"], ["device-model", "checking"] as const);
    const accuracy = oneOf("--accuracy", opts["accuracy"], NB201_ACCURACIES);
    const top = intOption("--top", opts["top"], 1) as number;
    const seed = intOption("--seed", opts["seed"], 0) as number;
    const synthetic = intOption("--synthetic", opts["synthetic"] ?? String(OPTIMIZER_SYNTHETIC), 0) as number;
    if ((opts["budget"] === undefined) === (opts["preference"] === undefined)) throw new InvalidArgumentError("optimize: give exactly one of --budget (ms or pN) and --preference (a weight in [0, 1])");
    const weight = opts["preference"] === undefined ? undefined : parseWeight(opts["preference"]);
    const budget = opts["budget"] === undefined ? undefined : parseBudget(opts["budget"]);
    const dataset = opts["dataset"] as string;
    const fetch = opts["mirror"] ? { mirror: opts["mirror"] } : {};
    const latencyTable = await loadSource(dataset, fetch);
    if (check !== "auto" && (weight !== undefined || latencyTable.space !== "nb201")) throw new InvalidArgumentError("optimize: --check device-model|device-aware answers a --budget on NAS-Bench-201 tables; leave --check at auto (the default) with --preference or on Once-for-All");
    if (marginSd !== "device-model" && (weight !== undefined || latencyTable.space !== "nb201")) throw new InvalidArgumentError("optimize: --margin-sd checking answers a --budget on NAS-Bench-201 tables; leave --margin-sd at device-model (the default) with --preference or on Once-for-All");
    if (latencyTable.space === "ofa-mbv3") {
      await optimizeOfa(latencyTable, dataset, opts, { format, top, seed, budget, weight, fetch, mixtures: intOption("--synthetic", opts["synthetic"] ?? String(OFA_MIXTURES), 0) as number });
      return;
    }
    if (latencyTable.space !== "nb201") throw new InvalidArgumentError(`optimize: ${dataset} is a ${latencyTable.space} table; the optimizer answers NAS-Bench-201 (space nb201) and Once-for-All MobileNetV3 (space ofa-mbv3, e.g. help-ofa)`);
    const table = latencyTable.accuracyNames.includes(accuracy) ? latencyTable : latencyTable.join(await loadTable("nb201-accuracy", fetch));
    const { pool, validation } = devicePool("optimize", dataset, opts);
    const file = opts["latencies"] as string;
    const measured = await readMeasurements(file, latencyTable);
    const refs = (await referenceRows(latencyTable, { pool, seed, ...fetch })).rows;
    const refMs = referenceLatencies(file, latencyTable, refs, measured);
    const opt = await architectureOptimizer(table, { pool, validation, references: refs, accuracy, seed, synthetic, latencyTable, onProgress: (m) => process.stderr.write(`optimize: ${m}\n`) });
    if (weight !== undefined) {
      const t1 = performance.now();
      const p = opt.answerPreference(refMs, weight, { top });
      const pms = performance.now() - t1;
      const answers = p.answers.map((c) => ({ arch: c.arch, index: table.indexAt(c.row), predictedLatencyMs: c.predictedLatencyMs, predictedAccuracy: c.accuracy, utility: c.utility }));
      if (format === "json") process.stdout.write(`${JSON.stringify({ dataset, accuracy, preference: weight, answers, budgetsSwept: p.budgetsMs.length, msPerAnswer: pms, pool })}\n`);
      else {
        process.stdout.write(`preference ${weight} (1: accuracy, 0: latency), ${accuracy} accuracy; ${answers.length} answer(s), highest utility first:\n`);
        for (const x of answers) process.stdout.write(`  ${x.predictedAccuracy.toFixed(2).padStart(6)} %  ${x.predictedLatencyMs.toPrecision(4).padStart(8)} ms  utility ${x.utility.toFixed(3).padStart(7)}  index ${String(x.index).padStart(5)}  ${x.arch}\n`);
        process.stdout.write(`from the optimizer's answers at ${p.budgetsMs.length} budgets from ${(p.budgetsMs[0] as number).toPrecision(3)} to ${(p.budgetsMs[p.budgetsMs.length - 1] as number).toPrecision(3)} ms, in ${pms.toFixed(1)} ms\n`);
      }
      return;
    }
    if (!budget) throw new InvalidArgumentError("optimize: give --budget or --preference");
    // a percentile budget reads the check's predictions (auto: the device model, or the device-aware adaptation for a device unlike the pool); an adaptation made there counts in the answer's time, as it does when the answer makes it
    let checkMs = 0;
    let budgetMs: number;
    if ("ms" in budget) budgetMs = budget.ms;
    else {
      const tCheck = performance.now();
      const checked = opt.checkedLatency(refMs, check);
      if (checked.check === "device-aware") checkMs = performance.now() - tCheck;
      budgetMs = quantiles(checked.latencyMs, [budget.percentile])[0] as number;
    }
    const t0 = performance.now();
    const a = opt.answer(refMs, budgetMs, { top, check, marginSd });
    const ms = performance.now() - t0 + checkMs;
    const answers = a.answers.map((c) => ({ arch: c.arch, index: table.indexAt(c.row), predictedLatencyMs: c.predictedLatencyMs, predictedAccuracy: c.accuracy }));
    const result = {
      dataset,
      accuracy,
      budgetMs,
      ...("percentile" in budget ? { budgetPercentile: budget.percentile * 100 } : {}),
      answers,
      source: a.source,
      checked: a.checked,
      feasibleInBeam: a.feasibleInBeam,
      margin: a.calibration.margin,
      check: a.check,
      closestPoolDevice: a.closest,
      msPerAnswer: ms,
      pool,
    };
    if (format === "json") process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stdout.write(`budget ${budgetMs.toPrecision(4)} ms${"percentile" in budget ? ` (p${budget.percentile * 100} of the predicted latencies)` : ""}, ${accuracy} accuracy; ${answers.length} answer(s), best first:\n`);
      for (const x of answers) process.stdout.write(`  ${x.predictedAccuracy.toFixed(2).padStart(6)} %  ${x.predictedLatencyMs.toPrecision(4).padStart(8)} ms  index ${String(x.index).padStart(5)}  ${x.arch}\n`);
      process.stdout.write(`${a.source === "beam" ? `from the optimizer's beam and one-edge changes of its best (${a.checked} architectures checked, ${a.feasibleInBeam} of the beam's within the budget)` : "no beam answer was within the budget: every architecture's prediction scanned"}, in ${ms.toFixed(1)} ms; ${a.check === "device-aware" ? "predicted latencies of the device-aware blend on the reference measurements" : "predicted latencies calibrated to the reference measurements"} (closest pool device on the references: ${a.closest.device}, SRCC ${a.closest.srcc.toFixed(3)}), margin e^${a.calibration.margin.toFixed(3)}\n`);
    }
  });
}
