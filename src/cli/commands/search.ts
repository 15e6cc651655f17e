/**
 * `proxynas search`: the one-proxy pipeline on an enumerable table, judged on
 * the target's true latencies; prints one JSON object.
 */
import { CommanderError, Option, type Command } from "commander";
import { adaptContext, checkProxies } from "../../adapt/adapt.js";
import { ADAPT_METHODS } from "../../adapt/method.js";
import { SELECTION_STRATEGIES } from "../../adapt/select.js";
import type { LatencyTable } from "../../data/latency-table.js";
import { loadTable } from "../../data/load.js";
import { InvalidArgumentError, oneOf } from "../../errors.js";
import { ADAPT_DECISIONS, ONE_PROXY_DEFAULTS, oneProxySearch, scoreOneProxy, SET_RULES } from "../../search/one-proxy.js";
import { loadOfaSearchTable, OFA_ACCURACY_COLUMN, OFA_PROXY_COLUMN } from "../../search/ofa-search-table.js";
import { NB201_ACCURACIES } from "../../experiments/search-protocol.js";
import { intOption, loadSource, numberOption, mirrorOption } from "../options.js";

/** The source name of the Once-for-All search table (HELP's measured subnets + the Note10 lookup table + OFA's accuracy predictor). */
const OFA_SEARCH_SOURCE = "ofa-search";

/** The table with the accuracy column, joined from `nb201-accuracy` for NAS-Bench-201 tables that lack it. */
async function withAccuracy(table: LatencyTable, accuracy: string, mirror: string | undefined): Promise<LatencyTable> {
  if (table.accuracyNames.includes(accuracy)) return table;
  if (table.space === "nb201" && NB201_ACCURACIES.includes(accuracy)) return table.join(await loadTable("nb201-accuracy", mirror ? { mirror } : {}));
  throw new InvalidArgumentError(`search: ${table.source} has no accuracy ${JSON.stringify(accuracy)}; it has ${table.accuracyNames.join(", ") || "none"}${table.space === "nb201" ? `; NAS-Bench-201 tables also take ${NB201_ACCURACIES.join(", ")}` : ""}`);
}

/** The research knobs of `proxynas search`: hidden from `--help`, listed by `--help-advanced`. */
const ADVANCED_OPTIONS: readonly Option[] = [
  new Option("--threshold <srcc>", "adapt when the proxy's SRCC on the K samples is below this").default(String(ONE_PROXY_DEFAULTS.threshold)),
  new Option("--decision <d>", `when to adapt: ${ADAPT_DECISIONS.join("|")}`).default(ONE_PROXY_DEFAULTS.decision),
  new Option("--method <name>", `adaptation method: ${ADAPT_METHODS.join("|")}`).default(ONE_PROXY_DEFAULTS.method),
  new Option("--select <name>", `how the K samples are chosen: ${SELECTION_STRATEGIES.join("|")}`).default("stratified"),
  new Option("--set <rule>", `how the adapted set is built: ${SET_RULES.join("|")} (expected-regret: greedy on the accuracy kept within latency budgets over refits of the adaptation on random subsets of the K samples; front-probability: the rows most likely on the target's front under the adapted prediction; band: every row within a latency factor of the predicted front)`).default(ONE_PROXY_DEFAULTS.setRule),
  new Option("--sigma <s>", "sd of the predicted log-latency errors (front-probability), or of the noise on each expected-regret scenario (0: none)").default(String(ONE_PROXY_DEFAULTS.sigma)),
  new Option("--scenarios <M>", "expected-regret: refits on random subsets of the K samples").default(String(ONE_PROXY_DEFAULTS.scenarios)),
  new Option("--subsample <f>", "expected-regret: share of the K samples in each refit, in (0, 1)").default(String(ONE_PROXY_DEFAULTS.subsample)),
];

export function registerSearch(program: Command): void {
  const search = mirrorOption(
    program
      .command("search")
      .description("one-proxy NAS: search on the proxy, measure K on the target, adapt if needed; prints the reused sets and their metrics on the target as JSON")
      .argument("<source>", `a dataset name, a CSV file (enumerable space: every architecture a row), or ${OFA_SEARCH_SOURCE} (HELP's measured OFA subnets with the proxy column ${OFA_PROXY_COLUMN} and the accuracy ${OFA_ACCURACY_COLUMN})`)
      .requiredOption("--accuracy <name>", `accuracy column (NAS-Bench-201: ${NB201_ACCURACIES.join(", ")})`)
      .requiredOption("--proxy <device>", "the proxy device")
      .requiredOption("--target <device>", "the target column (its values are read at the K samples and the reused set; all of it only to judge)")
      .option("--samples <K>", "target samples for the decision and adaptation", String(ONE_PROXY_DEFAULTS.samples))
      .option("--budget <N>", "target measurements in all, K included", String(ONE_PROXY_DEFAULTS.budget))
      .option("--prior <dataset>", "prior knowledge for the adaptation: other devices' operator models from a dataset, or 'self' for the source's own devices; devices related to --target (aliases, the same hardware elsewhere or at another batch size) are left out")
      .option("--seed <n>", "seed", "0")
      .option("--space <space>", "search space of a CSV file")
      .option("--format <fmt>", "json", "json")
      .option("--help-advanced", "list the research options (how the pipeline decides, adapts and builds its set)"),
  );
  for (const o of ADVANCED_OPTIONS) search.addOption(o.hideHelp());
  search.on("option:help-advanced", () => {
    process.stdout.write(`Research options of proxynas search (defaults: ONE_PROXY_DEFAULTS in the library):\n${ADVANCED_OPTIONS.map((o) => `  ${o.flags.padEnd(20)} ${o.description}${o.defaultValue === undefined ? "" : ` (default: ${String(o.defaultValue)})`}`).join("\n")}\n`);
    throw new CommanderError(0, "proxynas.helpAdvanced", "");
  });
  search.action(async (source: string, opts: Record<string, string | undefined>) => {
    oneOf("--format", opts["format"], ["json"] as const);
    const accuracy = opts["accuracy"] as string;
    const proxy = opts["proxy"] as string;
    const target = opts["target"] as string;
    checkProxies([proxy], target);
    const loaded = source === OFA_SEARCH_SOURCE ? (await loadOfaSearchTable(opts["mirror"] ? { mirror: opts["mirror"] } : {})).table : await loadSource(source, { mirror: opts["mirror"], space: opts["space"] });
    const table = await withAccuracy(loaded, accuracy, opts["mirror"]);
    const acc = table.accuracy(accuracy);
    const lat = table.latency(target);
    const valid = lat.reduce((k, v) => k + (Number.isNaN(v) ? 0 : 1), 0);
    const samples = intOption("--samples", opts["samples"], 3) as number;
    if (samples > valid) throw new InvalidArgumentError(`search: --samples ${samples} is more than the ${valid} rows with a valid ${target} latency`);
    const t0 = performance.now();
    const prior = opts["prior"] === undefined ? undefined : opts["prior"] === "self" ? table : await loadSource(opts["prior"], { mirror: opts["mirror"] });
    const ctx = adaptContext(table, [proxy], prior ? { prior } : {});
    const setRule = oneOf("--set", opts["set"], SET_RULES);
    const sigma = numberOption("--sigma", opts["sigma"], setRule === "front-probability" ? 1e-6 : 0, 10) as number;
    const scenarios = intOption("--scenarios", opts["scenarios"], 1) as number;
    const subsample = numberOption("--subsample", opts["subsample"], 0.01, 0.99) as number;
    const r = oneProxySearch(ctx, acc, (row) => lat[row] as number, {
      samples,
      budget: intOption("--budget", opts["budget"], 4) as number,
      threshold: numberOption("--threshold", opts["threshold"], -1, 1) as number,
      decision: oneOf("--decision", opts["decision"], ADAPT_DECISIONS),
      method: oneOf("--method", opts["method"], ADAPT_METHODS),
      select: oneOf("--select", opts["select"], SELECTION_STRATEGIES),
      setRule,
      sigma,
      scenarios,
      subsample,
      seed: intOption("--seed", opts["seed"], 0) as number,
      target,
    });
    const ms = performance.now() - t0;
    const s = scoreOneProxy(r, lat, acc);
    const idx = (rows: readonly number[]) => rows.map((row) => table.indexAt(row));
    const { regretAt: _p, ...proxyM } = s.proxy;
    const { regretAt: _a, ...adaptedM } = s.adapted;
    const { regretAt: _f, ...frontM } = s.proxyFront;
    process.stdout.write(
      `${JSON.stringify({
        source: table.source,
        accuracy,
        proxy,
        target,
        samples,
        seed: r.seed,
        prior: opts["prior"] ?? null,
        set: setRule,
        sigma,
        scenarios: setRule === "expected-regret" ? scenarios : null,
        subsample: setRule === "expected-regret" ? subsample : null,
        adapted: r.adapted,
        srccMeasured: r.srccMeasured,
        measured: idx(r.measured),
        proxyFront: idx(r.proxyFront),
        proxySet: idx(r.proxySet),
        pipelineSet: idx(r.pipelineSet),
        targetFront: idx(s.targetFront),
        metrics: { proxyFront: { ...frontM, targetMeasurements: r.proxyFront.length }, proxy: proxyM, adapted: adaptedM },
      })}\n`,
    );
    // timings go to stderr, so that the same inputs give the same output file
    process.stderr.write(`search: ${ms.toFixed(1)} ms in all (proxy search ${r.ms.proxySearch.toFixed(1)} ms, adaptation and set ${r.ms.adapt.toFixed(1)} ms)\n`);
  });
}
