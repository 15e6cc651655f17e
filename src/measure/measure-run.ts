/**
 * A measurement run in Node: measure a list of architectures on a Node
 * runtime into a measurement file, resumably (architectures already in the
 * file are skipped; the file is rewritten after each one), with progress and a
 * time estimate, then optionally re-measure some of them for repeatability.
 */
import { cpus, totalmem } from "node:os";
import { EnvironmentError, InvalidArgumentError } from "../errors.js";
import { initBackend } from "../runtime/backend.js";
import { proxynasVersion } from "../runtime/report.js";
import { canonicalArch } from "../spaces/space.js";
import { createMeasurer, type Measurer } from "./measure-architecture.js";
import {
  archRecord, emptyMeasurementFile, pendingWork, repeatWork, readMeasurementFile, runtimeSection, writeMeasurementFile,
  type ArchRecord, type MeasurementFile, type PendingWork, type RuntimeMetadata, type WorkUnit,
} from "./measurement-file.js";
import { imageShapeOf, REFERENCE_ARCHS, type MeasurableSpace } from "./network.js";
import { resolveProtocol, type MeasureProtocol } from "./protocol.js";
import { parseRuntime } from "./runtime-name.js";

/** An architecture to measure and the index it gets in the output table. */
export interface IndexedArch {
  readonly index: number;
  readonly arch: string;
}

/** Progress after each architecture. */
export interface MeasureProgress {
  readonly phase: "measure" | "repeat";
  /** Architecture-passes done in this phase, skipped ones included. */
  readonly done: number;
  readonly total: number;
  /** Done by an earlier run of the same file. */
  readonly skipped: number;
  readonly record: ArchRecord;
  readonly elapsedMs: number;
  /** Estimated time left in this phase, from this run's pace. */
  readonly etaMs: number;
}

/** Options of {@link measureInNode}. */
export interface MeasureRunOptions {
  readonly space: MeasurableSpace;
  /** A Node runtime: `node-wasm`, `node-cpu` or `node-tensorflow`. */
  readonly runtime: string;
  readonly archs: readonly IndexedArch[];
  /** The CSV to write (its sidecar is `<out>.json`); resumed when it exists. */
  readonly out: string;
  readonly protocol?: Partial<MeasureProtocol>;
  /** Seed of the random weights and input (default 0). */
  readonly seed?: number;
  /** Then re-measure (all passes) this many of the measured architectures, the first ones in measurement order, for repeatability (default 0). */
  readonly repeat?: number;
  readonly onProgress?: (p: MeasureProgress) => void;
}

/** What a run did. */
export interface MeasureSummary {
  readonly runtime: string;
  readonly out: string;
  /** Architecture-passes measured, failed, skipped (done by an earlier run) and repeated. */
  readonly measured: number;
  readonly failed: number;
  readonly skipped: number;
  readonly repeated: number;
  readonly minutes: number;
  /** Architecture-passes per minute in this run (building included). */
  readonly measurementsPerMinute: number;
}

/** The machine a Node runtime runs on. */
export function nodeMachine(): RuntimeMetadata["machine"] {
  const c = cpus();
  return { cpu: c[0]?.model.trim() ?? "unknown", cores: c.length, platform: process.platform, arch: process.arch, memoryGb: Math.round(totalmem() / 2 ** 30) };
}

/**
 * Measures architectures on a Node runtime into a file.
 *
 * @throws {InvalidArgumentError} for a runtime that is not a Node runtime, an architecture that does not parse, or a file measured with other settings
 * @throws {EnvironmentError} when the runtime's backend does not load (e.g. `node-tensorflow` without tfjs-node)
 * @example
 * ```ts
 * await measureInNode({ space: "nb201", runtime: "node-wasm", archs, out: "mine.csv", onProgress: (p) => console.log(p.done, p.total) });
 * ```
 */
export async function measureInNode(options: MeasureRunOptions): Promise<MeasureSummary> {
  const spec = parseRuntime(options.runtime);
  if (spec.host !== "node") throw new InvalidArgumentError(`measureInNode: runtime ${spec.name} runs in a browser; use "proxynas measure run --runtime ${spec.name}" (headless browser) or "proxynas measure serve"`);
  const protocol = resolveProtocol(options.protocol);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new InvalidArgumentError(`measureInNode: seed ${String(options.seed)} is not an integer`);
  const repeat = options.repeat ?? 0;
  if (!Number.isInteger(repeat) || repeat < 0) throw new InvalidArgumentError(`measureInNode: repeat ${String(options.repeat)} is not an integer >= 0`);
  // Validate every architecture before measuring anything (canonical strings; duplicates rejected).
  const archs = canonicalList(options.space, options.archs);
  const report = await initBackend(spec.backend as "wasm" | "cpu" | "tensorflow");
  if (report.backend !== spec.backend) throw new EnvironmentError(`measureInNode: runtime ${spec.name} needs the ${spec.backend} backend, but ${report.reason}`);
  const imageShape = [...imageShapeOf(options.space, (archs[0] as IndexedArch).arch)];
  const metadata: RuntimeMetadata = {
    runtime: spec.name,
    host: "node",
    backend: report.backend,
    backendDetail: report.reason,
    tfjsVersion: report.tfjsVersion,
    proxynasVersion: proxynasVersion(),
    userAgent: `Node.js ${process.version}`,
    machine: nodeMachine(),
    batchSize: protocol.batchSize,
    imageShape,
    seed,
    reference: protocol.paired ? REFERENCE_ARCHS[options.space] : null,
  };
  const file: MeasurementFile = (await readMeasurementFile(options.out)) ?? emptyMeasurementFile(options.space);
  if (file.space !== options.space) throw new InvalidArgumentError(`measureInNode: ${options.out} holds ${file.space} architectures, not ${options.space}`);
  const section = runtimeSection(file, metadata, protocol, new Date().toISOString());
  const t0 = performance.now();
  const main = pendingWork(archs, section.results, protocol.passes);
  const counts = { measured: 0, failed: 0, repeated: 0 };
  let measurer: Measurer | undefined;
  const step = async (phase: MeasureProgress["phase"], work: PendingWork, into: ArchRecord[]) => {
    if (work.todo.length > 0 && !measurer) {
      measurer = createMeasurer(options.space, protocol, seed);
      await measurer.warmUp(protocol.processWarmupMs);
    }
    const start = performance.now();
    for (let i = 0; i < work.todo.length; i++) {
      const u = work.todo[i] as WorkUnit;
      const m = await (measurer as Measurer).measure(u.arch);
      const record = archRecord(m, u.index, u.pass, new Date().toISOString());
      into.push(record);
      if (phase === "repeat") counts.repeated++;
      else if (record.ok) counts.measured++;
      else counts.failed++;
      await writeMeasurementFile(options.out, file);
      const elapsed = performance.now() - start;
      options.onProgress?.({ phase, done: work.done + i + 1, total: work.total, skipped: work.done, record, elapsedMs: elapsed, etaMs: (elapsed / (i + 1)) * (work.todo.length - i - 1) });
    }
  };
  let rep: PendingWork;
  try {
    await step("measure", main, section.results);
    rep = repeatWork(section, repeat);
    await step("repeat", rep, section.repeats);
  } finally {
    (measurer as Measurer | undefined)?.dispose();
  }
  if (main.todo.length === 0 && rep.todo.length === 0) await writeMeasurementFile(options.out, file);
  const minutes = (performance.now() - t0) / 60_000;
  const n = counts.measured + counts.failed + counts.repeated;
  return { runtime: spec.name, out: options.out, ...counts, skipped: main.done, minutes, measurementsPerMinute: minutes > 0 ? n / minutes : 0 };
}

/** Canonical strings of the architectures, validated; duplicates rejected. */
export function canonicalList(space: MeasurableSpace, archs: readonly IndexedArch[]): IndexedArch[] {
  if (archs.length === 0) throw new InvalidArgumentError("measureInNode: no architectures to measure");
  const seen = new Map<string, number>();
  return archs.map((a, i) => {
    if (!Number.isInteger(a.index) || a.index < 0) throw new InvalidArgumentError(`measureInNode: architecture ${i} has index ${String(a.index)}; expected an integer >= 0`);
    let arch: string;
    try {
      arch = canonicalArch(space, a.arch);
    } catch (e) {
      throw new InvalidArgumentError(`measureInNode: architecture ${i} (index ${a.index}): ${(e as Error).message}`, { cause: e });
    }
    const prev = seen.get(arch);
    if (prev !== undefined) throw new InvalidArgumentError(`measureInNode: architecture ${i} (${arch}) is the same as architecture ${prev}; list each once`);
    seen.set(arch, i);
    return { index: a.index, arch };
  });
}

