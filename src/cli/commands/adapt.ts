/**
 * `proxynas select` and `proxynas adapt`: choose the K architectures to measure
 * on a target, and adapt proxies to it from those measurements (simulated from
 * a table's target column, or the user's own `arch,latency_ms` CSV).
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { adaptContext, adaptTarget, checkProxies, scoreAdaptation } from "../../adapt/adapt.js";
import { ADAPT_METHODS, DEFAULT_SAMPLES, type AdaProxyNorm } from "../../adapt/method.js";
import { DEFAULT_ADAPT_METHOD } from "../../adapt/registry.js";
import { selectSamples, SELECTION_STRATEGIES } from "../../adapt/select.js";
import { InvalidArgumentError, oneOf } from "../../errors.js";
import { readArchRows, readMeasurements } from "../../measure/user-measurements.js";
import { deviceAwareModel } from "../../scale/model-cache.js";
import { referenceRows } from "../../scale/references.js";
import { tableCsv, tableView } from "../../viz/table.js";
import { intOption, loadSource, mirrorOption, writableFileOption } from "../options.js";

/** From this many measurements `adapt` reports each fit on stderr (a fit costs about K x columns^2). */
const PROGRESS_FROM = 500;

/**
 * Progress lines for a large adaptation: elapsed time after each fit, and
 * once the first fit (the one that searches the whole penalty grid) is done,
 * the time left at the pace of the refits.
 */
function fitProgress(samples: number): (done: number, total: number) => void {
  const start = Date.now();
  let firstDone = start;
  process.stderr.write(`adapt: fitting on ${samples} measurements; the fits grow with K (the first searches the penalty grid and takes longest)\n`);
  return (done, total) => {
    const now = Date.now();
    if (done === 1) firstDone = now;
    const left = done > 1 && done < total ? `, about ${Math.ceil((((now - firstDone) / (done - 1)) * (total - done)) / 1000)} s left` : "";
    process.stderr.write(`adapt: fit ${done} of ${total} done after ${((now - start) / 1000).toFixed(1)} s${left}\n`);
  };
}

export function registerAdapt(program: Command): void {
  mirrorOption(
    program
      .command("select")
      .description("choose the K architectures to measure on a new target (CSV index,arch); proxy-side information only")
      .argument("<source>", "a dataset name or a CSV file")
      .requiredOption("--proxy <list>", "proxy device(s), comma-separated")
      .requiredOption("--samples <K>", "how many architectures to measure")
      .option("--select <name>", SELECTION_STRATEGIES.join("|"), "stratified")
      .option("--seed <n>", "seed", "0")
      .option("--after <file>", "CSV with an arch column (an earlier select output, or your measurements): choose K more among the other architectures")
      .option("--space <space>", "search space of a CSV file"),
  ).action(async (source: string, opts: { proxy: string; samples: string; select: string; seed: string; after?: string; space?: string; mirror?: string }) => {
    const table = await loadSource(source, opts);
    const proxies = opts.proxy.split(",").map((p) => p.trim());
    const chosen = opts.after ? await readArchRows(opts.after, table) : undefined;
    const candidates = chosen ? [...Array(table.rows).keys()].filter((r) => !chosen.has(r)) : undefined;
    const k = intOption("--samples", opts.samples, 1) as number;
    if (candidates && k > candidates.length) throw new InvalidArgumentError(`--samples ${k}: only ${candidates.length} architectures of ${table.source} are not in ${opts.after}`);
    const rows = selectSamples(proxies.map((p) => table.latency(p)), k, { strategy: oneOf("--select", opts.select, SELECTION_STRATEGIES), seed: intOption("--seed", opts.seed, 0) as number, ...(candidates ? { candidates } : {}) });
    process.stdout.write(tableCsv(tableView({ columns: ["index", "arch"], rows: rows.map((r) => [table.indexAt(r), table.archAt(r)]) })));
  });
  mirrorOption(
    program
      .command("adapt")
      .description("adapt proxies to a target from K measurements; prints one JSON object (srccBefore/After/Unmeasured when the target column is known)")
      .argument("<source>", "a dataset name or a CSV file")
      .requiredOption("--proxy <list>", "proxy device(s), comma-separated")
      .option("--target <device>", "the target column (simulated measurements)")
      .option("--measurements <file>", "your measurements: CSV arch,latency_ms (real flow)")
      .option("--column <name>", "latency column of --measurements when it holds several")
      .option("--samples <K>", "target rows to read, validation included (simulated flow)")
      .option("--validation <V>", "AdaProxy: validation samples within K")
      .option("--method <name>", ADAPT_METHODS.join("|"), DEFAULT_ADAPT_METHOD)
      .option("--norm <p>", "AdaProxy: 1|2|inf", "2")
      .option("--select <name>", `${SELECTION_STRATEGIES.join("|")}|references (the reference architectures of the device-aware model; K = their number)`, "stratified")
      .option("--references <set>", "reference set of the device-aware model and --select references: auto (HELP's where the table holds it, else stratified)|help|stratified|greedy (ours: chosen on the proxies and validation devices)", "auto")
      .option("--seed <n>", "seed", "0")
      .option("--validation-devices <list>", "device-aware: devices for early stopping only, comma-separated (default: 10% of the pool's rows)")
      .option("--predictions <file>", "write the prediction of every architecture as CSV index,predicted")
      .option("--prior <dataset>", "proxy-ridge: other devices' operator models as prior knowledge (e.g. help-nb201); devices related to --target are left out")
      .option("--space <space>", "search space of a CSV file")
      .option("--format <fmt>", "json", "json"),
  ).action(async (source: string, opts: Record<string, string | undefined>) => {
    oneOf("--format", opts["format"], ["json"] as const);
    // checked before any work, so that a long adaptation does not end on a path that cannot be written
    if (opts["predictions"]) writableFileOption("--predictions", opts["predictions"]);
    const method = oneOf("--method", opts["method"], ADAPT_METHODS);
    const selectName = oneOf("--select", opts["select"], [...SELECTION_STRATEGIES, "references"] as const);
    const select = selectName === "references" ? "stratified" : selectName;
    const normRaw = oneOf("--norm", opts["norm"], ["1", "2", "inf"] as const);
    const norm: AdaProxyNorm = normRaw === "inf" ? "inf" : (Number(normRaw) as 1 | 2);
    const seed = intOption("--seed", opts["seed"], 0) as number;
    const table = await loadSource(source, { ...(opts["mirror"] ? { mirror: opts["mirror"] } : {}), ...(opts["space"] ? { space: opts["space"] } : {}) });
    const proxies = (opts["proxy"] as string).split(",").map((p) => p.trim());
    const target = opts["target"];
    if ((target === undefined) === (opts["measurements"] === undefined)) throw new InvalidArgumentError("adapt: give exactly one of --target (simulated) or --measurements (your CSV)");
    let measure: (row: number) => number;
    let samples: number;
    let rows: number[] | undefined;
    let targetCol: Float64Array | undefined;
    const validationDevices = opts["validationDevices"] ? opts["validationDevices"].split(",").map((d) => d.trim()) : [];
    const needsRefs = method === "device-aware" || selectName === "references";
    const choice = oneOf("--references", opts["references"], ["auto", "help", "stratified", "greedy"] as const);
    const refPool = choice === "greedy" ? [...proxies, ...validationDevices] : proxies;
    const refs = needsRefs ? await referenceRows(table, { pool: refPool, seed, choice, ...(opts["mirror"] ? { mirror: opts["mirror"] } : {}) }) : undefined;
    if (target !== undefined) {
      checkProxies(proxies, target);
      for (const d of validationDevices) checkProxies([d], target);
      targetCol = table.latency(target);
      const valid = targetCol.reduce((k, v) => k + (Number.isNaN(v) ? 0 : 1), 0);
      if (valid === 0) throw new InvalidArgumentError(`adapt: target ${target} has no valid latency in ${table.source}`);
      samples = intOption("--samples", opts["samples"], 3) ?? DEFAULT_SAMPLES;
      if (refs && selectName === "references") {
        if (opts["samples"] !== undefined && samples !== refs.rows.length) throw new InvalidArgumentError(`adapt: --select references measures the ${refs.rows.length} reference architectures; --samples ${samples} does not match (leave it out)`);
        samples = refs.rows.length;
        rows = [...refs.rows];
      }
      if (samples > valid) throw new InvalidArgumentError(`adapt: --samples ${samples} is more than the ${valid} rows with a valid ${target} latency`);
      const col = targetCol;
      measure = (r) => col[r] as number;
    } else {
      const m = await readMeasurements(opts["measurements"] as string, table, opts["column"] === undefined ? {} : { column: opts["column"] });
      rows = [...m.keys()];
      samples = rows.length;
      measure = (r) => m.get(r) as number;
    }
    const prior = opts["prior"] ? await loadSource(opts["prior"], { ...(opts["mirror"] ? { mirror: opts["mirror"] } : {}) }) : undefined;
    const deviceModel =
      method === "device-aware" && refs
        ? await deviceAwareModel(table, { pool: proxies, validation: validationDevices, references: refs.rows, seed, onProgress: (m) => process.stderr.write(`adapt: ${m}\n`) })
        : undefined;
    const ctx = adaptContext(table, proxies, { ...(prior ? { prior } : {}), ...(deviceModel ? { deviceModel } : {}) });
    const a = adaptTarget(ctx, measure, {
      samples,
      method,
      select,
      seed,
      norm,
      ...(rows ? { rows } : {}),
      ...(target !== undefined ? { target } : {}),
      ...(samples >= PROGRESS_FROM ? { onProgress: fitProgress(samples) } : {}),
      ...(opts["validation"] !== undefined ? { validation: intOption("--validation", opts["validation"], 1) as number } : {}),
    });
    const score = targetCol ? scoreAdaptation(ctx, a, targetCol) : undefined;
    if (opts["predictions"]) {
      writeFileSync(opts["predictions"], `index,predicted\n${Array.from(a.predictions, (v, r) => `${table.indexAt(r)},${v}`).join("\n")}\n`);
      process.stderr.write(`predictions for ${table.rows} architectures written to ${opts["predictions"]}\n`);
    }
    process.stdout.write(
      `${JSON.stringify({
        proxy: proxies.join(","),
        target: target ?? null,
        samples,
        method,
        select: selectName === "references" && target !== undefined ? "references" : opts["measurements"] !== undefined ? "given" : select,
        ...(refs ? { references: refs.source } : {}),
        pickedProxy: a.pickedProxy,
        // from the measured rows alone (the real flow has no target column): null for methods other than the bagged default, or K <= 5
        srccOutOfBag: a.outOfBagSrcc ?? null,
        ...(a.deviceModelWeight === undefined ? {} : { deviceModelWeight: a.deviceModelWeight }),
        ...(a.countsWeight === undefined ? {} : { countsWeight: a.countsWeight }),
        ...(score ? { srccBefore: score.srccBefore, srccAfter: score.srccAfter, srccUnmeasured: score.srccUnmeasured, rows: score.rows } : {}),
        measured: a.measuredRows.map((r) => table.indexAt(r)),
        failed: a.failedRows.map((r) => table.indexAt(r)),
      })}\n`,
    );
  });
}
