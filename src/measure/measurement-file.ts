/**
 * A measurement file: the wide latency CSV (`index,arch,<runtime...>`, median
 * ms, an empty cell where a measurement failed or was not taken) and its JSON
 * sidecar (`<file>.json`) holding everything else: per runtime the metadata
 * (runtime, backend, versions, machine, user agent, batch and input size,
 * protocol, dates) and every architecture's statistics or failure reason, plus
 * the repeat runs that measure repeatability.
 *
 * The sidecar is the record; the CSV is derived from it on every write. Both
 * are written to a temporary file and renamed, so an interrupted run leaves
 * the last complete state, and a rerun skips what is done.
 */
import { existsSync } from "node:fs";
import { open, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { InvalidArgumentError, InvalidDataError } from "../errors.js";
import { formatCsv } from "../io/csv.js";
import { medianSorted } from "../stats/quantile.js";
import type { ArchMeasurement } from "./measure-architecture.js";
import { MEASURABLE_SPACES, type MeasurableSpace } from "./network.js";
import { LEGACY_PROTOCOL, type MeasureProtocol, type RunStats } from "./protocol.js";

/** Format tag of the sidecar. */
export const MEASUREMENT_FORMAT = "proxynas-measurements/1";

/** Where and how a runtime-device was measured. */
export interface RuntimeMetadata {
  /** Column name: `node-wasm`, `chromium-webgl`, `browser-wasm`, ... */
  readonly runtime: string;
  readonly host: string;
  readonly backend: string;
  /** The reference architecture of the paired protocol, or null. */
  readonly reference: string | null;
  /** Why this backend (e.g. `wasm (pinned; SIMD on, threads off)`). */
  readonly backendDetail: string;
  readonly tfjsVersion: string;
  readonly proxynasVersion: string;
  /** Node version, or the browser's user agent. */
  readonly userAgent: string;
  readonly machine: { readonly cpu: string; readonly cores: number; readonly platform: string; readonly arch: string; readonly memoryGb: number };
  readonly batchSize: number;
  readonly imageShape: readonly number[];
  readonly seed: number;
}

/** Under the paired protocol: the per-pair ratios to the reference and the reference's median. */
export interface PairedFields {
  readonly ratio?: number;
  readonly ratioMad?: number;
  readonly ratioCv?: number;
  readonly referenceMs?: number;
  /** Reference medians of the attempts discarded as disturbed before this one (protocol `referenceGuard`). */
  readonly disturbedReferenceMs?: readonly number[];
}

/** One architecture's record in the sidecar. */
export type ArchRecord = ({ readonly ok: true } & RunStats & PairedFields | { readonly ok: false; readonly reason: string }) & {
  readonly index: number;
  readonly arch: string;
  /** The pass of the protocol (0-based). */
  readonly pass: number;
  /** ISO date of the measurement. */
  readonly at: string;
};

/** One runtime's part of the file. */
export interface RuntimeSection {
  readonly metadata: RuntimeMetadata;
  readonly protocol: MeasureProtocol;
  readonly started: string;
  /** One record per architecture and pass, in measurement order. */
  readonly results: ArchRecord[];
  /** Re-measurements (all passes again) of already measured architectures (repeatability). */
  readonly repeats: ArchRecord[];
}

/** The whole sidecar. */
export interface MeasurementFile {
  readonly format: typeof MEASUREMENT_FORMAT;
  readonly space: MeasurableSpace;
  readonly runtimes: Record<string, RuntimeSection>;
}

/**
 * The sidecar's path for a CSV path.
 *
 * @example
 * ```ts
 * sidecarPath("mine.csv"); // "mine.csv.json"
 * ```
 */
export function sidecarPath(csvPath: string): string {
  return `${csvPath}.json`;
}

/**
 * A new, empty measurement file.
 *
 * @example
 * ```ts
 * const file = emptyMeasurementFile("nb201");
 * ```
 */
export function emptyMeasurementFile(space: MeasurableSpace): MeasurementFile {
  return { format: MEASUREMENT_FORMAT, space, runtimes: {} };
}

/**
 * Reads a measurement file (its sidecar), or `undefined` when neither the CSV
 * nor the sidecar exists.
 *
 * @throws {InvalidDataError} naming the file when the CSV exists without its sidecar (it is not proxynas's to overwrite), or the sidecar is not valid JSON of this format
 *
 * @example
 * ```ts
 * const file = await readMeasurementFile("mine.csv");
 * if (file) Object.keys(file.runtimes);
 * ```
 */
export async function readMeasurementFile(csvPath: string): Promise<MeasurementFile | undefined> {
  const side = sidecarPath(csvPath);
  if (!existsSync(side)) {
    if (existsSync(csvPath)) throw new InvalidDataError(`${csvPath}: exists without its sidecar ${side}; it is not a proxynas measurement file, choose another --out`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(side, "utf8"));
  } catch (e) {
    throw new InvalidDataError(`${side}: not valid JSON (${(e as Error).message}); delete it and ${csvPath} to start over`, { cause: e });
  }
  const f = parsed as Partial<MeasurementFile>;
  if (typeof f !== "object" || f === null || f.format !== MEASUREMENT_FORMAT) throw new InvalidDataError(`${side}: format is ${JSON.stringify((f as { format?: unknown } | null)?.format)}; expected "${MEASUREMENT_FORMAT}"`);
  if (!(MEASURABLE_SPACES as readonly unknown[]).includes(f.space)) throw new InvalidDataError(`${side}: space ${JSON.stringify(f.space)} is not measurable; expected one of ${MEASURABLE_SPACES.join(", ")}`);
  if (typeof f.runtimes !== "object" || f.runtimes === null) throw new InvalidDataError(`${side}: "runtimes" must be an object of runtime sections`);
  for (const [name, sec] of Object.entries(f.runtimes)) {
    if (!Array.isArray(sec?.results) || !Array.isArray(sec?.repeats) || typeof sec?.metadata !== "object" || typeof sec?.protocol !== "object") {
      throw new InvalidDataError(`${side}: runtime ${JSON.stringify(name)} must have metadata, protocol, results[] and repeats[]`);
    }
  }
  return f as MeasurementFile;
}

/** An architecture's latency over its passes. */
export type CombinedLatency =
  | { readonly index: number; readonly arch: string; readonly ok: true; readonly medianMs: number; readonly passes: number; readonly failedPasses: number; readonly flagged: boolean }
  | { readonly index: number; readonly arch: string; readonly ok: false; readonly reason: string; readonly failedPasses: number };

/**
 * The scale of paired measurements: the median, over a runtime's records,
 * of the reference's median (ms); NaN when none is paired.
 *
 * @example
 * ```ts
 * referenceScale(section.results); // 7.9
 * ```
 */
export function referenceScale(records: readonly ArchRecord[]): number {
  const v = records.flatMap((r) => (r.ok && r.referenceMs !== undefined ? [r.referenceMs] : [])).sort((a, b) => a - b);
  return medianSorted(v);
}

/**
 * Combines the pass records of each architecture (first-seen order): a
 * pass's latency is its ratio to the reference times `scaleMs` under the
 * paired protocol (with a finite `scaleMs`), else its own median; the
 * architecture's latency is the median over its successful passes; it is
 * missing, with the first failure's reason, only when every pass failed.
 *
 * @example
 * ```ts
 * combinePasses(section.results, referenceScale(section.results)).get(arch)?.ok;
 * ```
 */
export function combinePasses(records: readonly ArchRecord[], scaleMs = Number.NaN): Map<string, CombinedLatency> {
  const groups = new Map<string, ArchRecord[]>();
  for (const r of records) {
    const g = groups.get(r.arch);
    if (g) g.push(r);
    else groups.set(r.arch, [r]);
  }
  const out = new Map<string, CombinedLatency>();
  for (const [arch, g] of groups) {
    const ok = g.flatMap((r) => (r.ok ? [r] : []));
    const first = g[0] as ArchRecord;
    const failedPasses = g.length - ok.length;
    if (ok.length === 0) {
      out.set(arch, { index: first.index, arch, ok: false, reason: (first as { reason: string }).reason, failedPasses });
      continue;
    }
    const m = ok.map((r) => (r.ratio !== undefined && Number.isFinite(scaleMs) ? r.ratio * scaleMs : r.medianMs)).sort((a, b) => a - b);
    out.set(arch, { index: first.index, arch, ok: true, medianMs: medianSorted(m), passes: ok.length, failedPasses, flagged: ok.some((r) => r.flags.length > 0) });
  }
  return out;
}

/**
 * The CSV text of a file: one row per architecture measured on any runtime
 * (in order of first measurement), per runtime column its latency
 * ({@link combinePasses} on the runtime's {@link referenceScale}), empty
 * where that runtime failed or has not measured it.
 *
 * @example
 * ```ts
 * writeFileSync("mine.csv", measurementCsv(file));
 * ```
 */
export function measurementCsv(file: MeasurementFile): string {
  const runtimes = Object.keys(file.runtimes);
  const rows = new Map<string, { index: number; values: Map<string, number> }>();
  for (const rt of runtimes) {
    const sec = file.runtimes[rt] as RuntimeSection;
    for (const c of combinePasses(sec.results, referenceScale(sec.results)).values()) {
      let row = rows.get(c.arch);
      if (!row) rows.set(c.arch, (row = { index: c.index, values: new Map() }));
      if (c.ok) row.values.set(rt, c.medianMs);
    }
  }
  const records = [["index", "arch", ...runtimes]];
  for (const [arch, row] of rows) records.push([String(row.index), arch, ...runtimes.map((rt) => (row.values.has(rt) ? String(row.values.get(rt)) : ""))]);
  return formatCsv(records);
}

/**
 * Per output path: the latest write asked for, and the one that has not
 * started yet. A write asked for while one waits joins it: the waiting write
 * takes the file as it stands when it starts, so it holds every change made
 * before it was asked for, and a burst of N results costs two writes, not N.
 */
const writes = new Map<string, { last: Promise<void>; waiting: Promise<void> | undefined; file: MeasurementFile }>();
let tmpCounter = 0;

/** Writes a file durably: a temporary file of its own (unique name), flushed to disk, then renamed over the target. */
async function writeDurably(target: string, text: string): Promise<void> {
  const tmp = `${target}.${process.pid}.${++tmpCounter}.tmp`;
  const handle = await open(tmp, "w");
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, target);
}

/**
 * Writes the sidecar, then the CSV, each durably (a temporary file of its
 * own, flushed, then renamed), so a reader or a kill never sees a partial
 * file. Writes to the same path are serialised, and those asked for while one
 * waits share it (a server accepting results at once).
 *
 * @example
 * ```ts
 * await writeMeasurementFile("out/mine.csv", file);
 * ```
 */
export function writeMeasurementFile(csvPath: string, file: MeasurementFile): Promise<void> {
  const key = path.resolve(csvPath);
  let state = writes.get(key);
  if (!state) writes.set(key, (state = { last: Promise.resolve(), waiting: undefined, file }));
  state.file = file;
  if (state.waiting) return state.waiting;
  const s = state;
  const next = s.last
    .catch(() => undefined)
    .then(async () => {
      s.waiting = undefined;
      const latest = s.file;
      await writeDurably(sidecarPath(csvPath), `${JSON.stringify(latest, null, 1)}\n`);
      await writeDurably(csvPath, measurementCsv(latest));
    });
  s.waiting = next;
  s.last = next;
  return next;
}

/**
 * The section of a runtime, created when absent. An existing section must
 * have been measured under the same protocol, batch size and seed: mixing
 * settings in one column would make its latencies incomparable.
 *
 * @throws {InvalidArgumentError} naming the runtime and the setting that differs
 */
export function runtimeSection(file: MeasurementFile, metadata: RuntimeMetadata, protocol: MeasureProtocol, now: string): RuntimeSection {
  const existing = file.runtimes[metadata.runtime];
  if (!existing) {
    const section: RuntimeSection = { metadata, protocol, started: now, results: [], repeats: [] };
    file.runtimes[metadata.runtime] = section;
    return section;
  }
  for (const key of Object.keys(protocol) as (keyof MeasureProtocol)[]) {
    const was = existing.protocol[key] ?? LEGACY_PROTOCOL[key];
    if (was !== protocol[key]) {
      throw new InvalidArgumentError(`runtime ${metadata.runtime} in this file was measured with ${key} = ${String(was)}, not ${String(protocol[key])}; resume with the same settings or write to another file`);
    }
  }
  if (existing.metadata.seed !== metadata.seed) throw new InvalidArgumentError(`runtime ${metadata.runtime} in this file was measured with seed ${existing.metadata.seed}, not ${metadata.seed}`);
  return existing;
}

/**
 * The record of one measurement.
 *
 * @example
 * ```ts
 * section.results.push(archRecord(await measureArchitecture("nb201", arch), 42, 0, new Date().toISOString()));
 * ```
 */
export function archRecord(m: ArchMeasurement, index: number, pass: number, at: string): ArchRecord {
  if (!m.ok) return { index, arch: m.arch, pass, at, ok: false, reason: m.reason };
  const paired = m.ratio
    ? { ratio: m.ratio.medianMs, ratioMad: m.ratio.madMs, ratioCv: m.ratio.cv, referenceMs: m.referenceMs as number, ...(m.disturbedReferenceMs?.length ? { disturbedReferenceMs: [...m.disturbedReferenceMs] } : {}) }
    : {};
  return { index, arch: m.arch, pass, at, ok: true, ...m.stats, ...paired };
}

/**
 * Merges measurement files of one space into one (each runtime from the file
 * that holds it): runtimes measured in parallel, or on several machines.
 *
 * @throws {InvalidArgumentError} for files of different spaces, or a runtime held by two files
 * @example
 * ```ts
 * const all = mergeMeasurementFiles([laptop, phone]);
 * ```
 */
export function mergeMeasurementFiles(files: readonly MeasurementFile[]): MeasurementFile {
  const first = files[0];
  if (!first) throw new InvalidArgumentError("mergeMeasurementFiles: no files");
  const out = emptyMeasurementFile(first.space);
  files.forEach((f, i) => {
    if (f.space !== first.space) throw new InvalidArgumentError(`mergeMeasurementFiles: file ${i} holds ${f.space} architectures, file 0 ${first.space}`);
    for (const [name, sec] of Object.entries(f.runtimes)) {
      if (out.runtimes[name]) throw new InvalidArgumentError(`mergeMeasurementFiles: runtime ${name} is in more than one file (again in file ${i}); keep one`);
      out.runtimes[name] = sec;
    }
  });
  return out;
}

/** One architecture in one pass of the protocol. */
export interface WorkUnit {
  readonly index: number;
  readonly arch: string;
  readonly pass: number;
}

/** The architecture-passes of a list still to measure, given the records already taken. */
export interface PendingWork {
  readonly todo: WorkUnit[];
  /** Already in the records. */
  readonly done: number;
  readonly total: number;
}

/**
 * What is left to measure: every architecture of `list` in every pass,
 * minus the (pass, architecture) pairs already in `have`. Shared by Node runs
 * and the browser server, so both resume the same way.
 *
 * @example
 * ```ts
 * pendingWork(archs, section.results, protocol.passes).todo.length;
 * ```
 */
export function pendingWork(list: readonly { readonly index: number; readonly arch: string }[], have: readonly ArchRecord[], passes: number): PendingWork {
  const done = new Set(have.map((r) => `${r.pass}#${r.arch}`));
  const all: WorkUnit[] = [];
  for (let pass = 0; pass < passes; pass++) for (const a of list) all.push({ index: a.index, arch: a.arch, pass });
  const todo = all.filter((u) => !done.has(`${u.pass}#${u.arch}`));
  return { todo, done: all.length - todo.length, total: all.length };
}

/**
 * The repeat phase's work: the first `n` successfully measured architectures
 * (in measurement order), in every pass, minus what `section.repeats` holds.
 *
 * @example
 * ```ts
 * repeatWork(section, 100).todo.length;
 * ```
 */
export function repeatWork(section: RuntimeSection, n: number): PendingWork {
  const firstOk = [...combinePasses(section.results).values()].filter((c) => c.ok).slice(0, n);
  return pendingWork(firstOk, section.repeats, section.protocol.passes);
}
