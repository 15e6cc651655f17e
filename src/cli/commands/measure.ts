/**
 * `proxynas measure`: measure architectures' latency on a runtime of this
 * machine (`run`) or in any browser (`serve`) into a resumable latency CSV
 * with a JSON sidecar; `report` prints a file's per-runtime report, `merge`
 * joins files of different runtimes.
 */
import type { Command } from "commander";
import { loadNb201Index, loadReferenceArchitectures } from "../../data/load-help.js";
import { InvalidArgumentError, InvalidDataError, oneOf } from "../../errors.js";
import { readCsv } from "../../io/csv.js";
import { existsSync } from "node:fs";
import { mergeMeasurementFiles, readMeasurementFile, sidecarPath, writeMeasurementFile } from "../../measure/measurement-file.js";
import { measurementReport } from "../../measure/measurement-report.js";
import { measureOnRuntime } from "../../measure/measure-on-runtime.js";
import { serveMeasurement } from "../../measure/measure-server.js";
import { type IndexedArch, type MeasureProgress, type MeasureRunOptions } from "../../measure/measurement-session.js";
import { parseMeasurableSpace } from "../../measure/network.js";
import { parseRuntime, RUNTIME_NAMES } from "../../measure/runtime-name.js";
import { stratifiedNb201Sample } from "../../measure/sample-architectures.js";
import { stratifiedProxylessSample } from "../../measure/stratified-proxyless-sample.js";
import { seededRng } from "../../random.js";
import { nb201Format as nbFormat, nb201Parse } from "../../spaces/nb201.js";
import { ofaFormat, ofaSample } from "../../spaces/ofa.js";
import { tableView, tableText } from "../../viz/table.js";
import { intOption, numberOption, mirrorOption, writableFileOption } from "../options.js";

/** `1m05s`. */
function duration(ms: number): string {
  if (!Number.isFinite(ms)) return "?";
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** A progress bar on a terminal, a line every 5 % otherwise; on stderr. */
export function progressPrinter(label: string): (p: MeasureProgress) => void {
  const tty = process.stderr.isTTY === true;
  let lastStep = -1;
  return (p) => {
    const share = p.total ? p.done / p.total : 1;
    const r = p.record;
    const last = r.ok ? `${r.medianMs.toFixed(2)} ms` : `failed: ${r.reason}`;
    const line = `${label} ${p.phase} ${p.done}/${p.total}${p.skipped ? ` (${p.skipped} done before)` : ""}  ${last}  eta ${duration(p.etaMs)}`;
    if (tty) {
      const width = 24;
      const fill = Math.round(share * width);
      process.stderr.write(`\r[${"#".repeat(fill)}${".".repeat(width - fill)}] ${line}\x1b[K${p.done === p.total ? "\n" : ""}`);
    } else {
      const step = Math.floor(share * 20);
      if (step !== lastStep || p.done === p.total) {
        lastStep = step;
        process.stderr.write(`${line}\n`);
      }
    }
  };
}

/** The architectures of an `--archs` CSV (`arch` column, optional `index`). */
async function archsFromFile(file: string, officialIndex: () => Promise<(arch: string) => number>, checkIndex: boolean): Promise<IndexedArch[]> {
  const records = await readCsv(file);
  const header = records[0] ?? [];
  const a = header.indexOf("arch");
  if (a < 0) throw new InvalidDataError(`${file}: no "arch" column; header is ${header.join(",").slice(0, 200)}; expected "index,arch" (as "proxynas select" writes) or "arch"`);
  const i = header.indexOf("index");
  const rows = records.slice(1).filter((r) => r.length > 1 || (r[0] ?? "") !== "");
  if (rows.length === 0) throw new InvalidDataError(`${file}: no architectures after the header`);
  // NAS-Bench-201 has an official index: a given index must be it; other spaces take the file's
  const index = i < 0 || checkIndex ? await officialIndex() : undefined;
  return rows.map((r, k) => {
    const arch = r[a] ?? "";
    const where = `${file}: line ${k + 2}`;
    let official: number | undefined;
    if (index) {
      try {
        official = index(arch);
      } catch (e) {
        throw new InvalidDataError(`${where}: ${JSON.stringify(arch.slice(0, 120))} is not an architecture of the space (${(e as Error).message.slice(0, 200)})`, { cause: e });
      }
    }
    if (i < 0) return { index: official as number, arch };
    const v = Number(r[i]);
    if (!Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) throw new InvalidDataError(`${where}: index ${JSON.stringify((r[i] ?? "").slice(0, 40))} is not an integer in 0..${2 ** 31 - 1}`);
    if (official !== undefined && v !== official) throw new InvalidDataError(`${where}: index ${v} is not the official NAS-Bench-201 index of ${arch} (${official}); give its index, or leave the index column out`);
    return { index: v, arch };
  });
}

/** The options `measure run` and `measure serve` share: what to measure, where, and how. */
function measureOptions(cmd: Command): Command {
  return mirrorOption(
    cmd
      .option("--space <space>", "nb201|ofa-mbv3|proxyless", "nb201")
      .option("--archs <file>", "CSV with an arch column (and optionally index), e.g. from proxynas select; `references`: HELP's 10 reference architectures (measure serve with neither --archs nor --sample: those, behind one button on the page)")
      .option("--sample <N>", "measure N architectures: nb201 and proxyless stratified over the space by FLOPs; ofa-mbv3 uniform over the space")
      .option("--include-references", "with --sample: include HELP's 10 reference architectures (from help-nb201)")
      .option("--seed <n>", "seed of the sample, the random weights and the input", "0")
      .requiredOption("--out <file.csv>", "output CSV (resumed when it exists); metadata in <file.csv>.json")
      .option("--repeat <N>", "then re-measure the first N measured architectures (repeatability)", "0")
      .option("--passes <n>", "passes over the list; latency = median of the pass medians")
      .option("--process-warmup-ms <ms>", "run a network untimed this long before measuring")
      .option("--warmup <n>", "untimed runs per architecture and pass")
      .option("--min-runs <n>", "timed runs at least")
      .option("--max-runs <n>", "timed runs at most")
      .option("--budget-ms <ms>", "time timed runs until this budget per architecture")
      .option("--timeout-ms <ms>", "a run slower than this fails the architecture")
      .option("--reference-guard <f>", "measure a pass again when the reference ran more than f times slower than usual (0: off; default 1.1)")
      .option("--guard-retries <n>", "at most n re-measurements of a disturbed pass (default 5)")
      .option("--batch <n>", "images per inference")
      .option("--format <fmt>", "text|json (summary and report)", "text"),
  );
}

export function registerMeasure(program: Command): void {
  const measure = program.command("measure").description("measure architectures' latency into a latency CSV (resumable, with a JSON sidecar of metadata and run statistics): run, serve, report, merge");
  measureOptions(measure.command("run").description("measure on a runtime of this machine (Node, or headless Chromium / Firefox)").requiredOption("--runtime <name>", RUNTIME_NAMES.join("|"))).action((opts: Options) => measureAction(opts, false));
  measureOptions(
    measure
      .command("serve")
      .description("serve a page that measures in any browser that opens it, and write what it posts back")
      .option("--host <host>", "interface to bind", "127.0.0.1")
      .option("--port <n>", "port (default: any free port)")
      .option("--backend <b>", "wasm|cpu|webgl", "wasm")
      .option("--name <column>", "the runtime-device's column name (default browser-<backend>)"),
  ).action((opts: Options) => measureAction(opts, true));
  measure
    .command("report")
    .description("print the per-runtime report of a measurement file: measured, failed (with reasons), flagged, median CV, pace, repeat SRCC")
    .argument("<file.csv>", "a measurement file")
    .option("--format <fmt>", "text|json", "text")
    .action(async (file: string, opts: Options) => {
      const format = oneOf("--format", opts["format"], ["text", "json"] as const);
      const m = await readMeasurementFile(file);
      if (!m) throw new InvalidArgumentError(`measure report: ${file} does not exist`);
      printReport(measurementReport(m), format);
    });
  measure
    .command("merge")
    .description("merge measurement files (one runtime per file) into a new file")
    .argument("<files...>", "measurement files")
    .requiredOption("--out <file.csv>", "the merged file (must not exist)")
    .action(async (files: string[], opts: Options) => {
      const out = opts["out"] as string;
      if (existsSync(out) || existsSync(sidecarPath(out))) throw new InvalidArgumentError(`measure merge: ${out} exists; merge into a new file`);
      const read = await Promise.all(
        files.map(async (f) => {
          const m = await readMeasurementFile(f);
          if (!m) throw new InvalidArgumentError(`measure merge: ${f} does not exist`);
          return m;
        }),
      );
      const merged = mergeMeasurementFiles(read);
      await writeMeasurementFile(out, merged);
      process.stdout.write(`merged ${Object.keys(merged.runtimes).join(", ")} into ${out}\n`);
    });
}

type Options = Record<string, string | boolean | undefined>;

/** `measure run` and `measure serve`: the architectures, the protocol, then the measurement and its report. */
async function measureAction(opts: Options, serve: boolean): Promise<void> {
  const str = (k: string) => (typeof opts[k] === "string" ? (opts[k] as string) : undefined);
  const format = oneOf("--format", str("format") ?? "text", ["text", "json"] as const);
  const space = parseMeasurableSpace(str("space"));
  const backendOpt = str("backend") ?? "wasm";
  if (serve && !["wasm", "cpu", "webgl"].includes(backendOpt)) throw new InvalidArgumentError(`--backend: ${JSON.stringify(backendOpt)}; expected wasm, cpu or webgl`);
  const runtime = serve ? (str("name") ?? `browser-${backendOpt}`) : parseRuntime(str("runtime") ?? "").name;
  const out = writableFileOption("--out", str("out") as string);
  const mirror = str("mirror");
  const fetchOpts = mirror ? { mirror } : {};
  const seed = intOption("--seed", str("seed"), 0) as number;
  let indexFn: ((arch: string) => number) | undefined;
  const officialIndex = async () => {
    // NAS-Bench-201 has an official index; other spaces number the rows of the file
    if (space !== "nb201") {
      let row = 0;
      return () => row++;
    }
    if (!indexFn) {
      const idx = await loadNb201Index(fetchOpts);
      indexFn = (arch) => idx.indexOf(nb201Parse(arch));
    }
    return indexFn;
  };
  let archs: IndexedArch[];
  const archsFile = str("archs");
  const sample = intOption("--sample", str("sample"), 1);
  // measure serve with neither: the reference architectures, behind one button on the page
  const referencesByDefault = serve && archsFile === undefined && sample === undefined && space === "nb201";
  if (!referencesByDefault && (archsFile === undefined) === (sample === undefined)) throw new InvalidArgumentError(`measure: give exactly one of --archs <file> and --sample <N>${serve ? " (or neither, on nb201: the reference architectures)" : ""}`);
  const references = referencesByDefault || (archsFile === "references" && !existsSync(archsFile));
  if (references) {
    // HELP's 10 reference architectures: what describe-device and --method device-aware read
    if (space !== "nb201") throw new InvalidArgumentError("measure: --archs references is for --space nb201 (HELP's 10 NAS-Bench-201 reference architectures)");
    const nb = await loadNb201Index(fetchOpts);
    archs = (await loadReferenceArchitectures("help-nb201", fetchOpts)).map((i) => ({ index: i, arch: nbFormat(nb.archAt(i)) }));
  } else if (archsFile) archs = await archsFromFile(archsFile, officialIndex, space === "nb201");
  else if (space !== "nb201") {
    if (opts["includeReferences"]) throw new InvalidArgumentError("measure: --include-references is for --space nb201");
    let list: string[];
    if (space === "proxyless") list = stratifiedProxylessSample(sample as number, seed);
    else {
      const rng = seededRng(seed);
      const seen = new Set<string>();
      while (seen.size < (sample as number)) seen.add(ofaFormat(ofaSample(rng)));
      list = [...seen];
    }
    archs = list.map((arch, index) => ({ index, arch }));
  } else {
    const idx = await officialIndex();
    const include: string[] = [];
    if (opts["includeReferences"]) {
      const nb = await loadNb201Index(fetchOpts);
      for (const i of await loadReferenceArchitectures("help-nb201", fetchOpts)) include.push(nbFormat(nb.archAt(i)));
    }
    archs = stratifiedNb201Sample(sample as number, seed, include).map((arch) => ({ index: idx(arch), arch }));
  }
  const protocol = {
    ...(str("passes") !== undefined ? { passes: intOption("--passes", str("passes"), 1) as number } : {}),
    ...(str("processWarmupMs") !== undefined ? { processWarmupMs: numberOption("--process-warmup-ms", str("processWarmupMs"), 0, 3.6e6) as number } : {}),
    ...(str("warmup") !== undefined ? { warmup: intOption("--warmup", str("warmup"), 0) as number } : {}),
    ...(str("minRuns") !== undefined ? { minRuns: intOption("--min-runs", str("minRuns"), 1) as number } : {}),
    ...(str("maxRuns") !== undefined ? { maxRuns: intOption("--max-runs", str("maxRuns"), 1) as number } : {}),
    ...(str("budgetMs") !== undefined ? { budgetMs: numberOption("--budget-ms", str("budgetMs"), 0, 3.6e6) as number } : {}),
    ...(str("timeoutMs") !== undefined ? { timeoutMs: numberOption("--timeout-ms", str("timeoutMs"), 1, 3.6e6) as number } : {}),
    ...(str("batch") !== undefined ? { batchSize: intOption("--batch", str("batch"), 1) as number } : {}),
    ...(str("referenceGuard") !== undefined ? { referenceGuard: numberOption("--reference-guard", str("referenceGuard"), 0, 100) as number } : {}),
    ...(str("guardRetries") !== undefined ? { guardRetries: intOption("--guard-retries", str("guardRetries"), 0, 10) as number } : {}),
  };
  const run: MeasureRunOptions = { space, runtime, archs, out, protocol, seed, repeat: intOption("--repeat", str("repeat"), 0) as number, onProgress: progressPrinter(runtime) };
  const summary = serve
    ? await serveMeasurement({
        ...run,
        name: runtime,
        backend: backendOpt as "wasm" | "cpu" | "webgl",
        host: str("host") ?? "127.0.0.1",
        port: intOption("--port", str("port"), 0, 65535) ?? 0,
        onListening: (url) => void process.stderr.write(`measure: open ${url} in the browser to measure (keep the tab in front); waiting for results\n`),
        ...(references ? { startLabel: `Measure the ${archs.length} reference architectures`, nextStep: `next: proxynas describe-device --dataset help-nb201 --latencies ${out} (or proxynas optimize ... --latencies ${out})` } : {}),
      })
    : await measureOnRuntime(run);
  const file = await readMeasurementFile(out);
  const rows = file ? measurementReport(file).filter((r) => r.runtime === runtime) : [];
  if (format === "json") process.stdout.write(`${JSON.stringify({ summary, report: rows })}\n`);
  else {
    process.stdout.write(`${runtime}: architecture-passes measured ${summary.measured}, failed ${summary.failed}, skipped ${summary.skipped} (done before), repeated ${summary.repeated}; ${summary.measurementsPerMinute.toFixed(1)} per minute; wrote ${out} and ${out}.json\n`);
    printReport(rows, "text");
  }
}

function printReport(rows: ReturnType<typeof measurementReport>, format: string): void {
  if (format === "json") {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const view = tableView(
    rows.map((r) => ({
      runtime: r.runtime,
      measured: r.measured,
      failed: r.failed,
      flagged: r.flagged,
      "median ms": r.medianLatencyMs,
      "median CV": r.medianCv,
      "archs/min": r.archsPerMinute,
      repeats: r.repeats,
      "repeat SRCC": r.repeatSrcc,
      backend: r.backendDetail,
    })),
  );
  process.stdout.write(`${tableText(view)}\n`);
  for (const r of rows) for (const [why, n] of Object.entries(r.failures)) process.stdout.write(`${r.runtime}: ${n} failed: ${why}\n`);
}
