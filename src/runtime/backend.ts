/**
 * TensorFlow.js backend selection, and the report of which one is active and why.
 *
 * Order under `"auto"`: `tensorflow` (native, when `@tensorflow/tfjs-node` is
 * really installed and loads), then `wasm` (SIMD where available), then the
 * pure-JS `cpu`. Evaluations pin `"wasm"` so that their numbers are
 * reproducible across machines.
 */
import { createRequire } from "node:module";
import { EnvironmentError, oneOf } from "../errors.js";

const require = createRequire(import.meta.url);

/** Backend requests. `auto` picks the fastest that loads. */
export type BackendRequest = "auto" | "tensorflow" | "wasm" | "cpu";
/** Backends proxynas can run on. */
export type BackendName = Exclude<BackendRequest, "auto">;

/**
 * What `initBackend` accepts: `auto` (tfjs-node when it loads, else wasm) or a backend by name.
 *
 * @example
 * ```ts
 * BACKEND_REQUESTS; // ["auto", "tensorflow", "wasm", "cpu"]
 * ```
 */
export const BACKEND_REQUESTS: readonly BackendRequest[] = ["auto", "tensorflow", "wasm", "cpu"];

/** What {@link initBackend} chose, and why. */
export interface BackendReport {
  /** The active tfjs backend. */
  readonly backend: BackendName;
  /** What was asked for (option, or `PROXYNAS_BACKEND`, or `auto`). */
  readonly requested: BackendRequest;
  /** One line: why this backend, e.g. `wasm (tfjs-node not installed)`. */
  readonly reason: string;
  /** For wasm: whether SIMD and threads are in use. */
  readonly wasm?: { readonly simd: boolean; readonly threads: boolean };
  /** `@tensorflow/tfjs-core` version. */
  readonly tfjsVersion: string;
}

/** The minimal part of the tfjs namespace proxynas uses here. */
interface TfLike {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  env(): { getAsync(flag: string): Promise<unknown> };
  version_core: string;
}

let active: BackendReport | undefined;
let pending: Promise<BackendReport> | undefined;
let pendingRequest: BackendRequest | undefined;

/**
 * Loads the tfjs namespace (lazily: importing proxynas does not load tfjs).
 *
 * @example
 * ```ts
 * const tf = tfjs();
 * ```
 */
export function tfjs(): typeof import("@tensorflow/tfjs") {
  return require("@tensorflow/tfjs") as typeof import("@tensorflow/tfjs");
}

/** Whether the real `@tensorflow/tfjs-node` (not an npm alias of tfjs) is installed. */
export function tfjsNodeStatus(): { installed: false } | { installed: true; version: string } {
  try {
    const pkg = require("@tensorflow/tfjs-node/package.json") as { name?: string; version?: string };
    if (pkg.name !== "@tensorflow/tfjs-node") return { installed: false };
    return { installed: true, version: pkg.version ?? "unknown" };
  } catch {
    return { installed: false };
  }
}

async function tryTensorflow(tf: TfLike): Promise<{ ok: true } | { ok: false; why: string }> {
  const status = tfjsNodeStatus();
  if (!status.installed) return { ok: false, why: "tfjs-node not installed" };
  try {
    require("@tensorflow/tfjs-node");
    if (!(await tf.setBackend("tensorflow"))) return { ok: false, why: "tfjs-node failed to initialise" };
    await tf.ready();
    return { ok: true };
  } catch (e) {
    return { ok: false, why: `tfjs-node ${status.version} failed to load: ${(e as Error).message.split("\n")[0]}` };
  }
}

async function tryWasm(tf: TfLike): Promise<{ ok: true; simd: boolean; threads: boolean } | { ok: false; why: string }> {
  try {
    require("@tensorflow/tfjs-backend-wasm");
    if (!(await tf.setBackend("wasm"))) return { ok: false, why: "wasm backend failed to initialise" };
    await tf.ready();
    const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) === true;
    const threads = (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")) === true;
    return { ok: true, simd, threads };
  } catch (e) {
    return { ok: false, why: `wasm backend failed to load: ${(e as Error).message.split("\n")[0]}` };
  }
}

function requestFromEnv(): BackendRequest {
  const raw = process.env["PROXYNAS_BACKEND"];
  if (raw === undefined || raw === "") return "auto";
  return oneOf("PROXYNAS_BACKEND", raw, BACKEND_REQUESTS);
}

async function choose(requested: BackendRequest, source: string): Promise<BackendReport> {
  const tf = tfjs() as unknown as TfLike;
  const version = tf.version_core;
  const pinned = requested === "auto" ? "" : `, pinned by ${source}`;
  if (requested === "auto" || requested === "tensorflow") {
    const t = await tryTensorflow(tf);
    if (t.ok) return { backend: "tensorflow", requested, reason: `tensorflow (native tfjs-node${pinned})`, tfjsVersion: version };
    if (requested === "tensorflow") {
      throw new EnvironmentError(
        `initBackend: backend "tensorflow" requested by ${source} but ${t.why}; install it with "npm i @tensorflow/tfjs-node" (needs internet) or ask for "wasm"`,
      );
    }
    const w = await tryWasm(tf);
    if (w.ok) {
      return {
        backend: "wasm",
        requested,
        reason: `wasm (${t.why}; SIMD ${w.simd ? "on" : "off"}, threads ${w.threads ? "on" : "off"})`,
        wasm: { simd: w.simd, threads: w.threads },
        tfjsVersion: version,
      };
    }
    await tf.setBackend("cpu");
    return { backend: "cpu", requested, reason: `cpu (${t.why}; ${w.why})`, tfjsVersion: version };
  }
  if (requested === "wasm") {
    const w = await tryWasm(tf);
    if (!w.ok) throw new EnvironmentError(`initBackend: backend "wasm" requested by ${source} but ${w.why}; reinstall with "npm ci"`);
    return {
      backend: "wasm",
      requested,
      reason: `wasm (pinned by ${source}; SIMD ${w.simd ? "on" : "off"}, threads ${w.threads ? "on" : "off"})`,
      wasm: { simd: w.simd, threads: w.threads },
      tfjsVersion: version,
    };
  }
  await tf.setBackend("cpu");
  await tf.ready();
  return { backend: "cpu", requested, reason: `cpu (pinned by ${source})`, tfjsVersion: version };
}

/**
 * Selects and initialises the tfjs backend. Idempotent: a second call with the
 * same request returns the same report; a different request switches.
 *
 * @param backend - `auto` (default, or `PROXYNAS_BACKEND` when set), `tensorflow`, `wasm`, `cpu`
 * @returns the report of what is active and why
 * @throws {EnvironmentError} when a pinned backend cannot load
 * @example
 * ```ts
 * const report = await initBackend("wasm");
 * console.log(report.reason); // "wasm (pinned by option; SIMD on, threads off)"
 * ```
 */
export async function initBackend(backend?: BackendRequest): Promise<BackendReport> {
  const source = backend === undefined ? (process.env["PROXYNAS_BACKEND"] ? "PROXYNAS_BACKEND" : "default") : "option";
  const requested = backend === undefined ? requestFromEnv() : oneOf("initBackend: backend", backend, BACKEND_REQUESTS);
  if (active && (requested === active.requested || requested === active.backend)) return active;
  if (pending && pendingRequest === requested) return pending;
  pendingRequest = requested;
  pending = choose(requested, source).then(
    (report) => {
      active = report;
      pending = undefined;
      return report;
    },
    (e: unknown) => {
      pending = undefined;
      throw e;
    },
  );
  return pending;
}

/**
 * The active backend report, or `undefined` when {@link initBackend} has not run.
 *
 * @example
 * ```ts
 * activeBackend()?.backend; // "wasm"
 * ```
 */
export function activeBackend(): BackendReport | undefined {
  return active;
}
