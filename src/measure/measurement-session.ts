/**
 * One measurement session, whatever runs the networks (Node, a headless
 * browser, a served page): the validated list of architectures, the output
 * file opened for resuming, the runtime's section with its metadata, the
 * records as they arrive (each written at once), the counts, and the summary.
 * `measureInNode` and `serveMeasurement` both run on it.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { InvalidArgumentError } from "../errors.js";
import { proxynasVersion } from "../runtime/report.js";
import { canonicalArch } from "../spaces/space.js";
import type { ArchMeasurement } from "./measure-architecture.js";
import {
  archRecord, emptyMeasurementFile, pendingWork, readMeasurementFile, repeatWork, runtimeSection, writeMeasurementFile,
  type ArchRecord, type MeasurementFile, type PendingWork, type RuntimeMetadata, type RuntimeSection, type WorkUnit,
} from "./measurement-file.js";
import { imageShapeOf, REFERENCE_ARCHS, type MeasurableSpace } from "./network.js";
import { resolveProtocol, type MeasureProtocol } from "./protocol.js";

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

/** Options of a measurement run (`measureInNode`, `measureOnRuntime`; `serveMeasurement` takes them with a name instead of a runtime). */
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

/** What the runner knows of the runtime; the session adds the protocol's part (batch, input, seed, reference, version). */
export type RuntimeIdentity = Pick<RuntimeMetadata, "runtime" | "host" | "backend" | "backendDetail" | "tfjsVersion" | "userAgent" | "machine">;

/**
 * A session over one output file and one runtime.
 *
 * @example
 * ```ts
 * const s = await MeasurementSession.open({ space: "nb201", archs, out: "mine.csv" }, "myRunner");
 * s.start({ runtime: "my-npu", host: "node", backend: "wasm", backendDetail: "", tfjsVersion: "4.22.0", userAgent: "", machine });
 * for (const u of s.pending().todo) await s.record("measure", u, await measure(u.arch));
 * s.summary(0);
 * ```
 */
export class MeasurementSession {
  private sectionValue: RuntimeSection | undefined;
  private readonly counts = { measured: 0, failed: 0, repeated: 0 };
  private readonly t0 = performance.now();

  private constructor(
    readonly who: string,
    readonly space: MeasurableSpace,
    readonly out: string,
    readonly archs: readonly IndexedArch[],
    readonly protocol: MeasureProtocol,
    readonly seed: number,
    readonly repeat: number,
    readonly file: MeasurementFile,
  ) {}

  /**
   * Validates the options and every architecture (canonical strings;
   * duplicates rejected) and opens the output file, before anything is measured.
   *
   * @throws {InvalidArgumentError} naming `who` for a bad seed, repeat count or architecture, an output folder that does not exist, or a file of another space
   */
  static async open(options: Pick<MeasureRunOptions, "space" | "archs" | "out" | "protocol" | "seed" | "repeat">, who: string): Promise<MeasurementSession> {
    const protocol = resolveProtocol(options.protocol);
    const seed = options.seed ?? 0;
    if (!Number.isInteger(seed)) throw new InvalidArgumentError(`${who}: seed ${String(options.seed)} is not an integer`);
    const repeat = options.repeat ?? 0;
    if (!Number.isInteger(repeat) || repeat < 0) throw new InvalidArgumentError(`${who}: repeat ${String(options.repeat)} is not an integer >= 0`);
    const archs = canonicalList(options.space, options.archs, who);
    const folder = path.dirname(path.resolve(options.out));
    if (!existsSync(folder)) throw new InvalidArgumentError(`${who}: the folder ${folder} of ${options.out} does not exist; create it or write elsewhere`);
    const file: MeasurementFile = (await readMeasurementFile(options.out)) ?? emptyMeasurementFile(options.space);
    if (file.space !== options.space) throw new InvalidArgumentError(`${who}: ${options.out} holds ${file.space} architectures, not ${options.space}`);
    return new MeasurementSession(who, options.space, options.out, archs, protocol, seed, repeat, file);
  }

  /** The runtime's section, once {@link start} has run. */
  get section(): RuntimeSection | undefined {
    return this.sectionValue;
  }

  /** The input shape of the space's networks. */
  get imageShape(): number[] {
    return [...imageShapeOf(this.space, (this.archs[0] as IndexedArch).arch)];
  }

  /**
   * Opens (or resumes) the runtime's section with its full metadata.
   *
   * @throws {InvalidArgumentError} when the file holds this runtime measured with other settings
   */
  start(identity: RuntimeIdentity): RuntimeSection {
    const metadata: RuntimeMetadata = {
      ...identity,
      proxynasVersion: proxynasVersion(),
      batchSize: this.protocol.batchSize,
      imageShape: this.imageShape,
      seed: this.seed,
      reference: this.protocol.paired ? REFERENCE_ARCHS[this.space] : null,
    };
    this.sectionValue = runtimeSection(this.file, metadata, this.protocol, new Date().toISOString());
    return this.sectionValue;
  }

  private requireSection(): RuntimeSection {
    if (!this.sectionValue) throw new InvalidArgumentError(`${this.who}: the session has not started (no runtime metadata yet)`);
    return this.sectionValue;
  }

  /** Architecture-passes of the first phase not in the file yet. */
  pending(): PendingWork {
    return pendingWork(this.archs, this.requireSection().results, this.protocol.passes);
  }

  /** The repeat phase: the first `repeat` measured architectures, all passes, not repeated yet. */
  repeats(): PendingWork {
    return repeatWork(this.requireSection(), this.repeat);
  }

  /** Reference medians of a runtime's records in the file (results, then repeats; none for a new runtime): what the protocol's `referenceGuard` starts from. */
  referenceHistory(runtime: string): number[] {
    const section = this.file.runtimes[runtime];
    if (!section) return [];
    return [...section.results, ...section.repeats].flatMap((r) => (r.ok && r.referenceMs !== undefined ? [r.referenceMs] : []));
  }

  /** Records one architecture-pass, counts it, and writes the file. */
  async record(phase: MeasureProgress["phase"], unit: WorkUnit, m: ArchMeasurement): Promise<ArchRecord> {
    const section = this.requireSection();
    const record = archRecord(m, unit.index, unit.pass, new Date().toISOString());
    (phase === "repeat" ? section.repeats : section.results).push(record);
    if (phase === "repeat") this.counts.repeated++;
    else if (record.ok) this.counts.measured++;
    else this.counts.failed++;
    await this.flush();
    return record;
  }

  /** Writes the file as it stands. */
  async flush(): Promise<void> {
    await writeMeasurementFile(this.out, this.file);
  }

  /** What the session did; `skipped`: architecture-passes an earlier run had done. */
  summary(skipped: number): MeasureSummary {
    const minutes = (performance.now() - this.t0) / 60_000;
    const n = this.counts.measured + this.counts.failed + this.counts.repeated;
    return { runtime: this.requireSection().metadata.runtime, out: this.out, ...this.counts, skipped, minutes, measurementsPerMinute: minutes > 0 ? n / minutes : 0 };
  }
}

/** Canonical strings of the architectures, validated; duplicates rejected. */
export function canonicalList(space: MeasurableSpace, archs: readonly IndexedArch[], who = "measure"): IndexedArch[] {
  if (archs.length === 0) throw new InvalidArgumentError(`${who}: no architectures to measure`);
  const seen = new Map<string, number>();
  return archs.map((a, i) => {
    if (!Number.isInteger(a.index) || a.index < 0) throw new InvalidArgumentError(`${who}: architecture ${i} has index ${String(a.index)}; expected an integer >= 0`);
    let arch: string;
    try {
      arch = canonicalArch(space, a.arch);
    } catch (e) {
      throw new InvalidArgumentError(`${who}: architecture ${i} (index ${a.index}): ${(e as Error).message}`, { cause: e });
    }
    const prev = seen.get(arch);
    if (prev !== undefined) throw new InvalidArgumentError(`${who}: architecture ${i} (${arch}) is the same as architecture ${prev}; list each once`);
    seen.set(arch, i);
    return { index: a.index, arch };
  });
}

