/**
 * `proxynas eval`'s report: each protocol run and turned into blocks
 * (headings, tables, lines), which render as the text the command prints and
 * as the Markdown of `docs/results.md`, so the two cannot differ.
 */
import { DEFAULT_ADAPT_METHOD } from "../adapt/registry.js";
import { ONE_PROXY_DEFAULTS } from "../search/one-proxy.js";
import { loadOfaSearchTable, OFA_ACCURACY_COLUMN, OFA_PROXY_COLUMN } from "../search/ofa-search-table.js";
import { tableMarkdown, tableText, tableView, type Cell, type TableView } from "../viz/table.js";
import { estimateCalibration, PROTOCOLS, runProtocol, summarise, type ProtocolName } from "./adapt-protocols.js";
import { adaptationBars, dissimilarBars, nasflatN0Bars, ofaSearchBar, r3, REFERENCE_SET_LABEL, scaleBars, searchBars } from "./bars.js";
import { loadTable } from "../data/load.js";
import { flopsBaseline } from "./flops-baseline.js";
import { HELP_PAPER_BASELINES, HELP_PAPER_K10, NASFLAT_NB201_K20 } from "./published.js";
import { DISSIMILAR_KS, DISSIMILAR_METHODS, DISSIMILAR_SPLITS, DISSIMILAR_SYNTHETIC, dissimilarSplitTable, loadJoinedNb201, runDissimilarProtocol, runScaleProtocol, SCALE_SETTINGS, SCALE_SPLITS, summariseScale, type DissimilarRun, type ScaleSummary } from "./scale-protocol.js";
import { runOfaSpaceSearch, type OfaSpaceSearchRow } from "./ofa-space-protocol.js";
import { clusterSplits, CLUSTER_CUTS } from "./cluster-splits.js";
import { ownRowsCeiling } from "./own-rows-ceiling.js";
import { rowSpread } from "./row-spread.js";
import { operatorFeatures } from "../adapt/adapt.js";
import { LOCAL_OFA_SEARCH, localOfaSearch } from "./local-ofa-search.js";
import { evolutionComparison, loadNb201SearchTable, NB201_ACCURACIES, ofaNote10Search, runSearchProtocol, type EvolutionCurve, type SearchProtocolRow } from "./search-protocol.js";

/** A piece of the report. */
export type ReportBlock =
  | { readonly kind: "heading"; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "table"; readonly view: TableView }
  | { readonly kind: "lines"; readonly lines: readonly string[] }
  | { readonly kind: "pre"; readonly text: string };

/** One protocol's report: its blocks, its results as data (JSON), and its CSV rows. */
export interface ReportSection {
  readonly blocks: readonly ReportBlock[];
  readonly json: unknown;
  readonly csv: readonly string[];
}

/** Options of the sections: seeds, the dataset mirror, and a progress callback (stderr lines). */
export interface SectionOptions {
  readonly seeds: number;
  readonly mirror?: string | undefined;
  readonly onProgress?: (line: string) => void;
}

/**
 * The CSV header of `proxynas eval --format csv`.
 *
 * @example
 * ```ts
 * [EVAL_CSV_HEADER, ...section.csv].join("\n");
 * ```
 */
export const EVAL_CSV_HEADER = "protocol,target,k,method,seeds,srcc_before,srcc_after,srcc_unmeasured,ms_per_call";

const mirrorOf = (o: SectionOptions) => (o.mirror ? { mirror: o.mirror } : {});

/** SRCC of FLOPs with each target's latencies (the no-measurement baseline), by target. */
async function flopsByTarget(dataset: string, targets: readonly string[], o: SectionOptions): Promise<Record<string, number>> {
  return Object.fromEntries(flopsBaseline(await loadTable(dataset, mirrorOf(o)), targets).map((r) => [r.device, r.flops]));
}

/** The FLOPs row's label in the report's tables. */
const FLOPS_ROW = "FLOPs, no target measurement";
/** The row (and column) of what a ridge on half of a target's own rows reaches. */
const OWN_ROWS_CEILING_ROW = "own rows (ceiling)";
const progress = (o: SectionOptions, prefix = "") => (l: string) => o.onProgress?.(`  ${prefix}${l}`);

/**
 * Runs an adaptation protocol and reports it: SRCC per target and method at
 * each K beside the published numbers and ceilings, the bars, and how the
 * default's out-of-bag estimate tracks its true SRCC.
 *
 * @example
 * ```ts
 * const section = await adaptationSection("help", { seeds: 3 });
 * process.stdout.write(renderText(section.blocks));
 * ```
 */
export async function adaptationSection(name: ProtocolName, options: SectionOptions): Promise<ReportSection> {
  const p = PROTOCOLS[name];
  const { seeds } = options;
  options.onProgress?.(`eval: ${name} (${p.targets.length} targets x K ${p.ks.join("/")} x ${p.prior ? 7 : 6} methods x ${seeds} seeds)`);
  const t0 = performance.now();
  const { runs, ceilings } = await runProtocol(p, { seeds, ...mirrorOf(options), onProgress: progress(options) });
  const seconds = (performance.now() - t0) / 1000;
  const s = summarise(runs);
  const csv = s.map((x) => [name, x.target, x.k, x.method, x.seeds, x.srccBefore, x.srccAfter, x.srccUnmeasured, x.msPerCall].join(","));
  const calibration = estimateCalibration(runs, DEFAULT_ADAPT_METHOD);
  const bars = adaptationBars(name, s);
  const methods = [...new Set(s.map((x) => x.method))];
  const rows: Record<string, Cell>[] = [];
  const row = (label: string, k: number | string, get: (t: string) => number | undefined) => {
    const vals = p.targets.map(get);
    const ok = vals.filter((v): v is number => v !== undefined);
    if (ok.length === 0) return;
    rows.push({ method: label, K: k, ...Object.fromEntries(p.targets.map((t, i) => [t, vals[i] === undefined ? "" : r3(vals[i] as number)])), mean: r3(ok.reduce((a, b) => a + b, 0) / ok.length), min: r3(Math.min(...ok)) });
  };
  for (const k of p.ks) for (const m of methods) row(m, k, (t) => s.find((x) => x.k === k && x.method === m && x.target === t)?.srccAfter);
  row("proxy picked, unadapted", "all", (t) => s.find((x) => x.target === t && x.method === DEFAULT_ADAPT_METHOD)?.srccBefore);
  const flops = await flopsByTarget(p.dataset, p.targets, options);
  row(FLOPS_ROW, 0, (t) => flops[t]);
  row(`published: ${p.reference.label}`, p.reference.k, (t) => p.reference.values[t]);
  row("ceiling: proxy-ridge fitted on all rows", "all", (t) => ceilings[t]);
  const ms = s.filter((x) => x.method === DEFAULT_ADAPT_METHOD);
  const blocks: ReportBlock[] = [
    { kind: "heading", text: `protocol ${name}: ${p.dataset}, proxies ${p.proxies.join(", ")}; SRCC of the adapted prediction vs the target over all rows with a valid latency; mean of ${seeds} seeds; selection: stratified` },
    { kind: "table", view: tableView(rows) },
    { kind: "lines", lines: bars },
  ];
  if (calibration.length > 0) {
    blocks.push({ kind: "paragraph", text: `the default's estimate from the K samples alone ('srccOutOfBag' of 'proxynas adapt': SRCC of the samples' out-of-bag predictions) against its true SRCC, over ${p.targets.length} targets x ${seeds} seeds:` });
    blocks.push({ kind: "table", view: tableView(calibration.map((c) => ({ K: c.k, runs: c.runs, "mean estimate": r3(c.meanEstimate), "mean true": r3(c.meanTrue), "mean |error|": r3(c.meanAbsError), pearson: r3(c.pearson) }))) });
  }
  // a target's mean over 3 seeds moves by about 0.005 (eagle_jetson_16 at K = 70: 0.899 over 3, 0.906 over 10)
  if (seeds < 10) blocks.push({ kind: "lines", lines: [`note: the bars are judged on the mean of 10 seeds; this run used ${seeds}, so a target within about 0.01 of a bar may land on either side`] });
  blocks.push({ kind: "lines", lines: [`time: ${seconds.toFixed(1)} s; ${DEFAULT_ADAPT_METHOD} (default) adapt call: ${r3(ms.reduce((a, x) => a + x.msPerCall, 0) / ms.length)} ms mean (selection + fit + predict all rows)`] });
  return { blocks, json: { summary: s, ceilings, bars, calibration, seconds, seeds }, csv };
}

/** The scale protocol's table of one split: a row per (method, setting), a column per target, mean and min; a published row when given. */
function scaleRows(targets: readonly string[], s: readonly ScaleSummary[], flops: Readonly<Record<string, number>>, published?: Readonly<Record<string, number>>, ceiling?: Readonly<Record<string, number>>): Record<string, Cell>[] {
  const rows: Record<string, Cell>[] = [];
  const row = (label: string, setting: string, k: number | string, get: (t: string) => number | undefined) => {
    const vals = targets.map(get);
    const ok = vals.filter((v): v is number => v !== undefined);
    if (ok.length === 0) return;
    rows.push({ method: label, measured: setting, K: k, ...Object.fromEntries(targets.map((t, i) => [t, vals[i] === undefined ? "" : r3(vals[i] as number)])), mean: r3(ok.reduce((a, b) => a + b, 0) / ok.length), min: r3(Math.min(...ok)) });
  };
  for (const setting of SCALE_SETTINGS) {
    const here = s.filter((x) => x.setting === setting.name);
    for (const method of [...new Set(here.map((x) => x.method))]) {
      const k = here.find((x) => x.method === method)?.k ?? "";
      for (const refs of [...new Set(here.filter((x) => x.method === method).map((x) => x.references))]) {
        const set = refs === "help" ? "the 10 references" : REFERENCE_SET_LABEL[refs];
        const get = (t: string) => here.find((x) => x.method === method && x.target === t && x.references === refs)?.srcc;
        row(method, setting.name === "references" ? set : `${set} + ${setting.extra} random`, k, get);
      }
    }
  }
  row(FLOPS_ROW, "nothing", 0, (t) => flops[t]);
  if (published) {
    for (const b of HELP_PAPER_BASELINES) row(`published: ${b.method}`, b.samples ? `${b.samples.toLocaleString("en-US")} random` : "nothing", b.samples, (t) => b.srcc[t]);
    row("published: HELP (meta-learned)", "the 10 references", 10, (t) => published[t]);
  }
  if (ceiling) row(OWN_ROWS_CEILING_ROW, "half of its own rows", "", (t) => ceiling[t]);
  return rows;
}

/**
 * Runs the scale protocol (HELP's split: the device-aware predictor trained
 * on 9 devices, early-stopped on 4, judged on 6 unseen devices described by
 * the 10 reference architectures) and reports SRCC per test device for the
 * device-aware method, its device model alone and the bagged proxy
 * adaptation on the same rows, beside HELP's published numbers.
 *
 * @example
 * ```ts
 * const section = await scaleSection({ seeds: 3 });
 * ```
 */
export async function scaleSection(options: SectionOptions): Promise<ReportSection> {
  const split = SCALE_SPLITS.help;
  const { seeds } = options;
  options.onProgress?.(`eval: scale (${split.dataset}: model trained on ${split.pool.length} devices, early-stopped on ${split.validation.length}, ${split.targets.length} test devices x ${SCALE_SETTINGS.length} settings x ${seeds} seeds)`);
  const t0 = performance.now();
  const help = await runScaleProtocol(split, { seeds, ...mirrorOf(options), onProgress: progress(options) });
  const greedy = await runScaleProtocol(split, { seeds, references: "greedy", ...mirrorOf(options), onProgress: progress(options) });
  const runs = [...help.runs, ...greedy.runs];
  const training = [...help.training, ...greedy.training];
  const seconds = (performance.now() - t0) / 1000;
  const s = summariseScale(runs);
  // each HELP device's own-rows ceiling, fitted once: the dissimilar splits' "all HELP rows" column reads the same memo
  const helpTable = await loadTable(split.dataset, mirrorOf(options));
  const helpFeatures = operatorFeatures(helpTable.space, helpTable.archs());
  const helpCeilings = new Map<string, number>();
  const helpCeiling = (t: string): number => {
    let v = helpCeilings.get(t);
    if (v === undefined) helpCeilings.set(t, (v = ownRowsCeiling(helpFeatures, helpTable.latencyView(t))));
    return v;
  };
  const ceiling = Object.fromEntries(split.targets.map((t) => [t, helpCeiling(t)]));
  const rows = scaleRows(split.targets, s, await flopsByTarget(split.dataset, split.targets, options), HELP_PAPER_K10, ceiling);
  const atCeiling = split.targets.filter((t) => (HELP_PAPER_K10[t] ?? -Infinity) >= (ceiling[t] as number));
  const meanMs = training.reduce((a, t) => a + t.ms, 0) / training.length;
  const meanEpochs = training.reduce((a, t) => a + t.epochs, 0) / training.length;
  const csv = s.map((x) => ["scale", x.target, x.k, `${x.method} (${x.setting}${x.references === "help" ? "" : `, ${x.references} references`})`, x.seeds, "", x.srcc, "", ""].join(","));
  const blocks: ReportBlock[] = [
    { kind: "heading", text: `protocol scale: ${split.dataset}, device-aware predictor trained on HELP's ${split.pool.length} training devices (${split.pool.join(", ")}), early-stopped on ${split.validation.join(", ")}; SRCC over all 15,625 rows of each unseen test device; mean of ${seeds} seeds (model seed = run seed)` },
    { kind: "table", view: tableView(rows) },
    { kind: "lines", lines: scaleBars(s) },
    { kind: "lines", lines: [`our 10 greedy references: chosen on the 13 training and validation devices by greedy column subset selection (the architectures whose log latencies best predict every other architecture's across those devices); the device-aware model trained on them and the target measured on them`] },
    {
      kind: "lines",
      lines: [
        `${OWN_ROWS_CEILING_ROW}: no pool and no K, a ridge of log latency on the one-hot, live-edge and operation-count columns fitted on half of the device's ${helpTable.rows.toLocaleString("en-US")} rows (every other row) and judged on the other half${atCeiling.length ? `; HELP's published number is at or above it on ${atCeiling.map((t) => `${t} (${HELP_PAPER_K10[t]} against ${r3(ceiling[t] as number)})`).join(", ")}; the ceiling is that of these linear columns, not of every model (a method above it gets from the pool what the columns lack; an MLP on a device's own rows: docs/experiments.md)` : ""}`,
      ],
    },
    { kind: "lines", lines: [`published rows: HELP's Table 3 as its repository's README prints it; its FLOPs count differs from ours (32 x 32 inputs); the layer-wise predictor was reported on two devices; HELP's MAML and Meta-SGD rows on NAS-Bench-201 are not in the files read here`] },
    { kind: "lines", lines: [`training: ${(meanMs / 1000).toFixed(1)} s and ${meanEpochs.toFixed(1)} epochs per model on this machine's CPU (mean of ${training.length}; a model loaded from the cache reports the time it took when trained)`, `time: ${seconds.toFixed(1)} s`] },
  ];
  // dissimilar pools
  const t1 = performance.now();
  const joined = await loadJoinedNb201(mirrorOf(options));
  const splits = [...DISSIMILAR_SPLITS, ...clusterSplits(joined)];
  const dissimilar = await runDissimilarProtocol({ seeds, splits, table: joined, ...mirrorOf(options), onProgress: progress(options) });
  const dSeconds = (performance.now() - t1) / 1000;
  const meanOf = (xs: readonly DissimilarRun[]) => xs.reduce((a, r) => a + r.srcc, 0) / xs.length;
  const methods = DISSIMILAR_METHODS;
  // the same ceiling on all of a HELP target's rows (NASFLAT's setting), where every target of the split is a HELP device
  const allHelp = (sp: { readonly targets: readonly string[] }) => sp.targets.every((t) => helpTable.hasDevice(t));
  const dRows: Record<string, Cell>[] = splits.map((sp) => {
    const here = dissimilar.filter((r) => r.split === sp.name);
    const cells: Record<string, Cell> = { split: sp.name, rows: here[0]?.rows ?? "", pool: sp.pool.join(" "), targets: sp.targets.join(" ") };
    for (const m of methods) for (const k of DISSIMILAR_KS) cells[`${m} K=${k}`] = r3(meanOf(here.filter((r) => r.method === m && r.k === k)));
    const pub = NASFLAT_NB201_K20[sp.name];
    cells["NASFLAT K=20"] = pub ? pub.nasflat : "";
    cells["HELP K=20"] = pub ? pub.help : "";
    // the ceiling needs the architectures' features only, not a context's proxy fits
    const table = dissimilarSplitTable(joined, sp);
    const features = operatorFeatures(table.space, table.archs());
    cells[OWN_ROWS_CEILING_ROW] = r3(sp.targets.reduce((a, t) => a + ownRowsCeiling(features, table.latencyView(t)), 0) / sp.targets.length);
    cells["own rows, all HELP rows (ceiling)"] = allHelp(sp) ? r3(sp.targets.reduce((a, t) => a + helpCeiling(t), 0) / sp.targets.length) : "";
    return cells;
  });
  const helpTargets = [...new Set(splits.filter(allHelp).flatMap((sp) => sp.targets))];
  const spread = rowSpread(helpTable, joined.archs(), helpTargets);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const k20 = (m: string) => Object.fromEntries(splits.map((sp) => [sp.name, meanOf(dissimilar.filter((r) => r.split === sp.name && r.method === m && r.k === 20))]));
  const dBars = methods.flatMap((m) => dissimilarBars(m, k20(m)));
  const dropped = DISSIMILAR_SPLITS.filter((sp) => sp.dropped.length).map((sp) => `${sp.name}: ${sp.dropped.join(", ")}`);
  blocks.push(
    { kind: "heading", text: `protocol scale, dissimilar pools: oneproxy-nb201 joined with help-nb201 (the rows where every device of the split has a latency); mean SRCC over each split's targets, ${seeds} seeds, K stratified samples; the device-aware model trained on the pool (10 stratified reference rows, early stopping on 10% of the training rows), and beside ${DISSIMILAR_SYNTHETIC.count} operator-cost synthetic devices of the pool (${DISSIMILAR_SYNTHETIC.rowsPerDevice} random rows each) for "device-aware + operator-cost devices"; splits N0..N5 rebuilt from NASFLAT, gpus-to-others and edge-to-gpus chosen by hand, cut2a..cut4b cut from the data (${CLUSTER_CUTS.join(", ")} clusters of the devices by average linkage on 1 - SRCC; at each cut the two clusters farthest apart, each way: the pool one cluster, the targets the other)` },
    { kind: "table", view: tableView(dRows) },
    { kind: "lines", lines: [...dBars, ...nasflatN0Bars(s), `not in the public data read here, dropped from NASFLAT's splits: ${dropped.join("; ")}; NASFLAT's numbers are on its full split and all 15,625 rows, ours on the rows shared by the two datasets (indicative)`, `own rows (ceiling): no pool and no K, a ridge of log latency on the one-hot, live-edge and operation-count columns fitted on half of each target's own rows and judged on the other half, the mean over the targets: where NASFLAT's number is above it, the rows or devices differ from its setting, not only the method; "all HELP rows": the same ridge on all 15,625 rows of each target (NASFLAT's setting), for the splits whose targets are all HELP devices`, `rows: the joined table's ${joined.rows} architectures have ${pct(spread.noneShareRows)} of their edges 'none' against ${pct(spread.noneShareAll)} over all ${helpTable.rows}, and the log latencies of those splits' ${helpTargets.length} targets have a mean standard deviation of ${spread.logSdRows.toFixed(3)} on them against ${spread.logSdAll.toFixed(3)} on all rows: the narrower the spread, the more rank correlation the same measurement noise costs`, `time: ${dSeconds.toFixed(1)} s`] },
  );
  // Once-for-All: report, no bar yet
  const ofa: Record<string, unknown> = {};
  for (const sp of [SCALE_SPLITS["help-ofa"], SCALE_SPLITS["ofa-batch"]]) {
    const t2 = performance.now();
    const r = await runScaleProtocol(sp, { seeds, ...mirrorOf(options), onProgress: progress(options) });
    const sum = summariseScale(r.runs);
    ofa[sp.name] = { summary: sum, training: r.training };
    blocks.push(
      { kind: "heading", text: `protocol scale, Once-for-All split ${sp.name}: help-ofa (5,000 MobileNetV3 subnets), trained on ${sp.pool.join(", ")}, early-stopped on ${sp.validation.join(", ")}; mean of ${seeds} seeds; report, no bar yet` },
      { kind: "table", view: tableView(scaleRows(sp.targets, sum, await flopsByTarget(sp.dataset, sp.targets, options))) },
      { kind: "lines", lines: [`training: ${(r.training.reduce((a, t) => a + t.ms, 0) / r.training.length / 1000).toFixed(1)} s per model; time: ${((performance.now() - t2) / 1000).toFixed(1)} s`] },
    );
    csv.push(...sum.map((x) => [`scale-${sp.name}`, x.target, x.k, `${x.method} (${x.setting})`, x.seeds, "", x.srcc, "", ""].join(",")));
  }
  if (seeds < 10) blocks.push({ kind: "lines", lines: [`note: the bars are judged on the mean of 10 seeds; this run used ${seeds}`] });
  return { blocks, json: { summary: s, training, bars: [...scaleBars(s), ...dBars], dissimilar, ofa, seconds, seeds }, csv };
}

/**
 * Runs the one-proxy search protocols (NAS-Bench-201 with three accuracies,
 * with and without a prior; the evolutionary searches; Once-for-All) and
 * reports regret, recall, hypervolume and cost per target.
 *
 * @example
 * ```ts
 * const section = await searchSection({ seeds: 3 });
 * ```
 */
export async function searchSection(options: SectionOptions): Promise<ReportSection> {
  const { seeds } = options;
  options.onProgress?.(`eval: search (3 accuracies x every HELP device but pixel3 x ${seeds} seeds; NSGA-II/aging/random x ${seeds} seeds)`);
  const t0 = performance.now();
  const st = await loadNb201SearchTable(mirrorOf(options));
  const rows = await runSearchProtocol({ table: st, seeds, onProgress: progress(options) });
  // beyond the paper: the adaptation also knows the other HELP devices (those related to the target left out)
  const priorRows = await runSearchProtocol({ table: st, seeds, prior: "self", onProgress: progress(options, "prior: ") });
  const curves = evolutionComparison(st, "cifar10", "pixel3", { seeds, evaluations: 2000 });
  // Once-for-All: HELP's measured GPU latencies as targets, the Note10 lookup table as the proxy
  const ofaTable = await loadOfaSearchTable(mirrorOf(options));
  const ofaSetting = { table: ofaTable.table, proxy: OFA_PROXY_COLUMN, accuracies: [OFA_ACCURACY_COLUMN], seeds };
  const ofaRows = await runSearchProtocol({ ...ofaSetting, onProgress: progress(options, "ofa: ") });
  const ofaPriorRows = await runSearchProtocol({ ...ofaSetting, prior: "self", onProgress: progress(options, "ofa prior: ") });
  const ofa = await ofaNote10Search({ seeds, evaluations: 2000, ...mirrorOf(options) });
  // a space we measured ourselves: local-ofa, node-wasm as the one proxy for the browser runtimes
  const local = await localOfaSearch({ seeds, ...mirrorOf(options), onProgress: progress(options, "local-ofa: ") });
  const seconds = (performance.now() - t0) / 1000;
  const csv = [
    ...rows.map((r) => ["search", `${r.accuracy}:${r.target}`, ONE_PROXY_DEFAULTS.samples, "one-proxy", r.seeds, r.srccMeasured, r.adapted.regret, r.proxy.regret, r.msAdapt].join(",")),
    ...priorRows.map((r) => ["search", `${r.accuracy}:${r.target}`, ONE_PROXY_DEFAULTS.samples, "one-proxy+prior", r.seeds, r.srccMeasured, r.adapted.regret, r.proxy.regret, r.msAdapt].join(",")),
    ...local.rows.map((r) => ["search", `local-ofa:${r.target}`, LOCAL_OFA_SEARCH.samples, "one-proxy", r.seeds, r.srccMeasured, r.adapted.regret, r.proxy.regret, r.msAdapt].join(",")),
  ];
  const bars = [...searchBars(rows, curves, "one proxy, the paper's setting"), ...searchBars(priorRows, [], "one proxy + the other HELP devices as prior")];
  const ofaBars = [ofaSearchBar(ofaRows, "one proxy"), ofaSearchBar(ofaPriorRows, "one proxy + the other HELP GPUs as prior")];
  const blocks: ReportBlock[] = [];
  const { samples, budget } = ONE_PROXY_DEFAULTS;
  for (const acc of NB201_ACCURACIES) {
    const xs = rows.filter((r) => r.accuracy === acc);
    blocks.push({ kind: "heading", text: `search: NAS-Bench-201 ${acc} (NATS-Bench, 200 epochs) vs HELP latencies; proxy pixel3; K = ${samples}; budget ${budget} target measurements; adapted set: expected-regret (${ONE_PROXY_DEFAULTS.scenarios} refits on random halves of the K samples, noise σ = ${ONE_PROXY_DEFAULTS.sigma}; 'proxynas search --set front-probability|band' for the others); mean of ${seeds} seeds; regret in accuracy points` });
    const view: Record<string, Cell>[] = xs.map((r) => ({
      target: r.target,
      "srcc(K)": r3(r.srccMeasured),
      adapted: `${Math.round(r.adaptedShare * 100)}%`,
      "regret proxy front": r3(r.proxyFront.regret),
      "regret proxy set": r3(r.proxy.regret),
      "regret adapted": r3(r.adapted.regret),
      "recall adapted": r3(r.adapted.recall),
      "hv ratio proxy/adapted": `${r3(r.proxyFront.hvRatio)}/${r3(r.adapted.hvRatio)}`,
      "igd adapted": r3(r.adapted.igd),
      "target meas.": r3(r.targetMeasurements),
      "per-device NAS meas.": r.perDeviceMeasurements,
      "true front": r.frontSize,
    }));
    const mean = (f: (r: SearchProtocolRow) => number) => r3(xs.reduce((a, r) => a + f(r), 0) / xs.length);
    view.push({ target: "mean", "srcc(K)": mean((r) => r.srccMeasured), adapted: `${Math.round(mean((r) => r.adaptedShare) * 100)}%`, "regret proxy front": mean((r) => r.proxyFront.regret), "regret proxy set": mean((r) => r.proxy.regret), "regret adapted": mean((r) => r.adapted.regret), "recall adapted": mean((r) => r.adapted.recall), "hv ratio proxy/adapted": `${mean((r) => r.proxyFront.hvRatio)}/${mean((r) => r.adapted.hvRatio)}`, "igd adapted": mean((r) => r.adapted.igd), "target meas.": mean((r) => r.targetMeasurements), "per-device NAS meas.": mean((r) => r.perDeviceMeasurements), "true front": mean((r) => r.frontSize) });
    blocks.push({ kind: "table", view: tableView(view) });
  }
  const cost = rows.filter((r) => r.accuracy === "cifar10");
  const nsga = curves.find((c) => c.algorithm === "nsga2") as EvolutionCurve;
  const avg = (f: (r: SearchProtocolRow) => number) => cost.reduce((a, r) => a + f(r), 0) / cost.length;
  blocks.push({ kind: "paragraph", text: `cost per target device (CIFAR-10): one proxy = ${r3(avg((r) => r.targetMeasurements))} target measurements and ${r3(avg((r) => r.msAdapt))} ms of adaptation + set per target, after one proxy search of ${r3(avg((r) => r.msProxySearch))} ms shared by all targets; per-device NAS = the exhaustive table (${r3(avg((r) => r.perDeviceMeasurements))} target measurements per device), or ${nsga.checkpoints.slice(-1)[0]} with NSGA-II at ${r3(nsga.msPerRun)} ms per run` });
  blocks.push({ kind: "heading", text: `evolutionary search on NAS-Bench-201 (CIFAR-10, pixel3 latencies): median regret of the found front vs the exhaustive front over ${seeds} seeds` });
  blocks.push({ kind: "table", view: tableView(curves.map((c) => ({ algorithm: c.algorithm, ...Object.fromEntries(c.checkpoints.map((k, i) => [`@${k}`, r3(c.medianRegret[i] as number)])), recall: r3(c.medianRecall), "hv ratio": r3(c.medianHvRatio), "ms/run": r3(c.msPerRun), "objective calls": r3(c.batchesPerRun) }))) });
  blocks.push({ kind: "heading", text: `Once-for-All MobileNetV3: accuracy from OFA's published predictor (run in TypeScript), latency from the Note10 lookup tables (resolutions 160..224); 2,000 evaluations, median of ${seeds} seeds` });
  blocks.push({ kind: "table", view: tableView(ofa.map((o) => ({ algorithm: o.algorithm, hypervolume: r3(o.medianHv), "front size": o.medianFrontSize, ...Object.fromEntries(Object.entries(o.bestUnder).map(([l, v]) => [`best acc <= ${l} ms`, r3(v)])), "ms/run": r3(o.msPerRun) }))) });
  blocks.push({ kind: "heading", text: `search with prior knowledge (beyond the paper): the same pipeline, proxy pixel3, K = ${samples}, budget ${budget}, but the adaptation also uses the other HELP devices' operator models (proxy-ridge's prior block; the target's aliases and the same hardware at any batch size left out); mean regret (points) / recall of the true front / share of seeds adapted` });
  const byTarget = [...new Set(priorRows.map((r) => r.target))];
  const cell = (r: SearchProtocolRow | undefined) => (r ? `${r3(r.adapted.regret)} / ${r3(r.adapted.recall)} / ${Math.round(r.adaptedShare * 100)}%` : "");
  const priorView: Record<string, Cell>[] = byTarget.map((t) => ({ target: t, ...Object.fromEntries(NB201_ACCURACIES.map((a) => [a, cell(priorRows.find((r) => r.target === t && r.accuracy === a))])) }));
  priorView.push({ target: "mean regret", ...Object.fromEntries(NB201_ACCURACIES.map((a) => { const xs = priorRows.filter((r) => r.accuracy === a); return [a, String(r3(xs.reduce((s, r) => s + r.adapted.regret, 0) / Math.max(xs.length, 1)))]; })) });
  blocks.push({ kind: "table", view: tableView(priorView) });
  blocks.push({ kind: "heading", text: `search on Once-for-All MobileNetV3 (HELP's measured subnets: ${ofaTable.table.rows} at the lookup table's resolutions ${ofaTable.resolutions.join("/")}; ${ofaTable.leftOut} at other resolutions left out): proxy = the Note10 lookup table, targets = HELP's 12 GPU settings (measured latencies), accuracy = OFA's published predictor; K = ${samples}, budget ${budget}; mean of ${seeds} seeds` });
  blocks.push({
    kind: "table",
    view: tableView(
      ofaRows.map((r, i) => {
        const p = ofaPriorRows[i] as SearchProtocolRow;
        return { target: r.target, "srcc(K)": r3(r.srccMeasured), "regret proxy front": r3(r.proxyFront.regret), "regret proxy set": r3(r.proxy.regret), "regret pipeline": r3(r.adapted.regret), "regret pipeline + prior": r3(p.adapted.regret), "recall pipeline": r3(r.adapted.recall), "recall pipeline + prior": r3(p.adapted.recall), "target meas.": r3(r.targetMeasurements), "per-device meas.": r.perDeviceMeasurements };
      }),
    ),
  });
  blocks.push({ kind: "lines", lines: [...bars, ...ofaBars] });
  const { proxy: localProxy, samples: localK, budget: localBudget } = LOCAL_OFA_SEARCH;
  blocks.push({ kind: "heading", text: `search on local-ofa (measured by proxynas: ${local.table.rows} Once-for-All subnets on TensorFlow.js runtimes): proxy = ${localProxy}, targets = the other runtimes, accuracy = OFA's published predictor; K = ${localK}, budget ${localBudget} target measurements (per-device search: all ${local.table.rows}); mean of ${seeds} seeds` });
  blocks.push({
    kind: "table",
    view: tableView(local.rows.map((r) => ({ target: r.target, "srcc(K)": r3(r.srccMeasured), adapted: `${Math.round(r.adaptedShare * 100)}%`, "regret proxy front": r3(r.proxyFront.regret), "regret pipeline": r3(r.adapted.regret), "recall proxy front": r3(r.proxyFront.recall), "recall pipeline": r3(r.adapted.recall), "hv ratio pipeline": r3(r.adapted.hvRatio), "target meas.": r3(r.targetMeasurements), "true front": r.frontSize }))),
  });
  blocks.push({ kind: "lines", lines: [`time: ${seconds.toFixed(1)} s (the whole section)`] });
  return { blocks, json: { rows, priorRows, curves, ofa, ofaRows, ofaPriorRows, ofaLeftOut: ofaTable.leftOut, bars: [...bars, ...ofaBars], seconds, seeds }, csv };
}

/**
 * Runs the one-proxy pipeline over the whole Once-for-All space (minutes per
 * seed) and reports regret per target, with and without a prior.
 *
 * @example
 * ```ts
 * const section = await ofaSpaceSection({ seeds: 1 });
 * ```
 */
export async function ofaSpaceSection(options: SectionOptions): Promise<ReportSection> {
  const { seeds } = options;
  options.onProgress?.(`eval: ofa-space (12 HELP OFA GPU models x ${seeds} seeds; NSGA-II 2,000 evaluations per search)`);
  const t0 = performance.now();
  const setting = { seeds, ...mirrorOf(options), onProgress: progress(options) };
  const one = await runOfaSpaceSearch(setting);
  const withPrior = await runOfaSpaceSearch({ ...setting, prior: true });
  const seconds = (performance.now() - t0) / 1000;
  const csv: string[] = [];
  for (const [label, rows] of [["ofa-space", one], ["ofa-space+prior", withPrior]] as const) for (const r of rows) csv.push(["search", `ofa_top1:${r.target}`, ONE_PROXY_DEFAULTS.samples, label, r.seeds, r.srccMeasured, r.pipeline.regret, r.proxyFront.regret, ""].join(","));
  const view = one.map((r, i) => {
    const p = withPrior[i] as OfaSpaceSearchRow;
    return { target: r.target, "model held-out srcc": r3(r.heldOutSrcc), "srcc(K)": r3(r.srccMeasured), adapted: `${Math.round(r.adaptedShare * 100)}%`, "regret proxy front": r3(r.proxyFront.regret), "regret pool only": r3(r.poolOnly.regret), "regret pipeline": r3(r.pipeline.regret), "regret pipeline + prior": r3(p.pipeline.regret), "recall pipeline": r3(r.pipeline.recall), "target meas.": r3(r.targetMeasurements), "per-device NAS meas.": r.perDeviceEvaluations };
  });
  const m = (rows: readonly OfaSpaceSearchRow[], f: (r: OfaSpaceSearchRow) => number) => r3(rows.reduce((a, r) => a + f(r), 0) / rows.length);
  const blocks: ReportBlock[] = [
    { kind: "heading", text: `one-proxy search over the whole Once-for-All space: proxy = Note10 lookup table (NSGA-II, 2,000 evaluations: the pool), targets = ridge models of HELP's measured GPU latencies (held-out SRCC shown), accuracy = OFA's predictor; K = ${ONE_PROXY_DEFAULTS.samples}, budget ${ONE_PROXY_DEFAULTS.budget}; after adapting, NSGA-II searches again on the adapted latency ("pool only": the set chosen within the proxy's pool instead); judged on the union of every search's subnets, per-device NAS (NSGA-II on the target, 2,000 evaluations) included; mean of ${seeds} seeds; regret in ImageNet top-1 points` },
    { kind: "table", view: tableView(view) },
    { kind: "lines", lines: [`mean regret: proxy front ${m(one, (r) => r.proxyFront.regret)}, pipeline ${m(one, (r) => r.pipeline.regret)}, pipeline + prior ${m(withPrior, (r) => r.pipeline.regret)}; targets <= 0.1: ${one.filter((r) => r.pipeline.regret <= 0.1).length}/${one.length}, with prior ${withPrior.filter((r) => r.pipeline.regret <= 0.1).length}/${withPrior.length}`, `time: ${seconds.toFixed(1)} s`] },
  ];
  return { blocks, json: { one, withPrior, seconds, seeds }, csv };
}

/**
 * Blocks as the text `proxynas eval` prints.
 *
 * @example
 * ```ts
 * renderText([{ kind: "heading", text: "protocol help" }, { kind: "lines", lines: ["bar: ... -> met"] }]); // "\n== protocol help\nbar: ... -> met\n"
 * ```
 */
export function renderText(blocks: readonly ReportBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case "heading":
          return `\n== ${b.text}\n`;
        case "paragraph":
          return `\n${b.text}\n`;
        case "table":
          return `${tableText(b.view)}\n`;
        case "lines":
          return `${b.lines.join("\n")}\n`;
        case "pre":
          return `${b.text}\n`;
      }
    })
    .join("");
}

/**
 * Blocks as Markdown: headings as `###`, tables as Markdown tables, lines as a list.
 *
 * @example
 * ```ts
 * renderMarkdown([{ kind: "heading", text: "protocol help" }]); // "\n### protocol help\n\n"
 * ```
 */
export function renderMarkdown(blocks: readonly ReportBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case "heading":
          return `\n### ${b.text}\n\n`;
        case "paragraph":
          return `\n${b.text}\n\n`;
        case "table":
          return `${tableMarkdown(b.view)}\n\n`;
        case "lines":
          return `${b.lines.map((l) => `- ${l}`).join("\n")}\n`;
        case "pre":
          return `\`\`\`\n${b.text}\n\`\`\`\n`;
      }
    })
    .join("");
}
