/**
 * A measurement run in Node: measure a list of architectures on a Node
 * runtime into a measurement file, resumably (architectures already in the
 * file are skipped; the file is rewritten after each one), with progress and a
 * time estimate, then optionally re-measure some of them for repeatability.
 */
import { cpus, totalmem } from "node:os";
import { EnvironmentError, InvalidArgumentError } from "../errors.js";
import { initBackend } from "../runtime/backend.js";
import { createMeasurer, type Measurer } from "./measure-architecture.js";
import type { PendingWork, RuntimeMetadata, WorkUnit } from "./measurement-file.js";
import { MeasurementSession, type MeasureProgress, type MeasureRunOptions, type MeasureSummary } from "./measurement-session.js";
import { parseRuntime } from "./runtime-name.js";

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
  // every architecture and the file are checked before the backend starts or anything is measured
  const session = await MeasurementSession.open(options, "measureInNode");
  const report = await initBackend(spec.backend as "wasm" | "cpu" | "tensorflow");
  if (report.backend !== spec.backend) throw new EnvironmentError(`measureInNode: runtime ${spec.name} needs the ${spec.backend} backend, but ${report.reason}`);
  session.start({ runtime: spec.name, host: "node", backend: report.backend, backendDetail: report.reason, tfjsVersion: report.tfjsVersion, userAgent: `Node.js ${process.version}`, machine: nodeMachine() });
  const { protocol, seed } = session;
  let measurer: Measurer | undefined;
  const step = async (phase: MeasureProgress["phase"], work: PendingWork) => {
    if (work.todo.length > 0 && !measurer) {
      measurer = createMeasurer(options.space, protocol, seed, { priorReferenceMs: session.referenceHistory(spec.name) });
      await measurer.warmUp(protocol.processWarmupMs);
    }
    const start = performance.now();
    for (let i = 0; i < work.todo.length; i++) {
      const u = work.todo[i] as WorkUnit;
      const record = await session.record(phase, u, await (measurer as Measurer).measure(u.arch));
      const elapsed = performance.now() - start;
      options.onProgress?.({ phase, done: work.done + i + 1, total: work.total, skipped: work.done, record, elapsedMs: elapsed, etaMs: (elapsed / (i + 1)) * (work.todo.length - i - 1) });
    }
  };
  const main = session.pending();
  let rep: PendingWork;
  try {
    await step("measure", main);
    rep = session.repeats();
    await step("repeat", rep);
  } finally {
    (measurer as Measurer | undefined)?.dispose();
  }
  if (main.todo.length === 0 && rep.todo.length === 0) await session.flush();
  return session.summary(main.done);
}

