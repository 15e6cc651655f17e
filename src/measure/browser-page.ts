/**
 * The measurement page's script (bundled for the browser by
 * `scripts/bundle-browser.mjs`, served by `proxynas measure`). It asks the
 * server for its session (architectures, protocol, seed, backend), reports the
 * browser and backend, then measures each architecture-pass the server still
 * needs with the same code as in Node and posts every result back.
 */
import { createMeasurer } from "./measure-architecture.js";
import { initPageBackend, tfjs } from "./browser-backend.js";
import type { MeasurableSpace } from "./network.js";
import type { MeasureProtocol } from "./protocol.js";

/** The part of the DOM and browser globals the page uses (the library compiles without the DOM lib). */
interface PageGlobals {
  location: { search: string };
  navigator: { userAgent: string; hardwareConcurrency?: number; platform?: string; deviceMemory?: number };
  document: { getElementById(id: string): PageElement | null; createElement(tag: "canvas"): { getContext(kind: string): WebGlLike | null } };
  fetch(url: string, init?: { method: string; headers: Record<string, string>; body: string }): Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;
  __proxynas?: { state: string; done: number; total: number; error?: string };
}
interface PageElement {
  textContent: string | null;
  hidden?: boolean;
  disabled?: boolean;
  addEventListener?(type: "click", listener: () => void, options?: { once: boolean }): void;
}
interface WebGlLike {
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(p: number): unknown;
}

/** The session's settings (`POST /api/session`). */
export interface PageConfig {
  readonly space: MeasurableSpace;
  readonly backend: "wasm" | "cpu" | "webgl";
  readonly protocol: MeasureProtocol;
  readonly seed: number;
  /** Architectures in the session. */
  readonly count: number;
  /** Reference medians of the runtime's earlier records in the file (the protocol's guard starts from them). */
  readonly priorReferenceMs: readonly number[];
  /** When present, the page waits for a click on a button of this label before it measures. */
  readonly startLabel?: string;
  /** Shown when the measurement is done (e.g. the command that reads the file). */
  readonly nextStep?: string;
}

/** The architecture-passes the server still needs (after `/api/hello`, and from `/api/done` while there is more). */
export interface PageWork {
  readonly phase: "measure" | "repeat";
  readonly todo: readonly { readonly index: number; readonly arch: string; readonly pass: number }[];
  readonly total: number;
}

const g = globalThis as unknown as PageGlobals;

function status(text: string): void {
  const el = g.document.getElementById("status");
  if (el) el.textContent = text;
}

function webglRenderer(): string {
  try {
    const gl = g.document.createElement("canvas").getContext("webgl2") ?? g.document.createElement("canvas").getContext("webgl");
    if (!gl) return "no WebGL";
    const ext = gl.getExtension("WEBGL_debug_renderer_info");
    return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : "WebGL (renderer hidden)");
  } catch {
    return "no WebGL";
  }
}

async function main(): Promise<void> {
  const token = new URLSearchParams(g.location.search).get("token") ?? "";
  const headers = { "content-type": "application/json", "x-proxynas-token": token };
  const post = async (path: string, body: unknown): Promise<unknown> => {
    const r = await g.fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}: ${await r.text()}`);
    return r.json();
  };
  g.__proxynas = { state: "starting", done: 0, total: 0 };
  try {
    const config = (await post("/api/session", {})) as PageConfig;
    if (config.startLabel) {
      const button = g.document.getElementById("start");
      if (button && button.addEventListener) {
        button.textContent = config.startLabel;
        button.hidden = false;
        g.__proxynas = { state: "waiting", done: 0, total: config.count };
        status(`${config.count} architectures to measure; keep this tab in front while it runs`);
        await new Promise<void>((resolve) => button.addEventListener?.("click", () => resolve(), { once: true }));
        button.disabled = true;
      }
    }
    const backendDetail = await initPageBackend(config.backend, "/wasm/");
    const tf = tfjs();
    let work = (await post("/api/hello", {
      userAgent: g.navigator.userAgent,
      backend: tf.getBackend(),
      backendDetail: config.backend === "webgl" ? `${backendDetail}; ${webglRenderer()}` : backendDetail,
      tfjsVersion: tf.version_core,
      cores: g.navigator.hardwareConcurrency ?? 0,
      platform: g.navigator.platform ?? "",
      memoryGb: g.navigator.deviceMemory ?? null,
    })) as PageWork;
    const measurer = createMeasurer(config.space, config.protocol, config.seed, { priorReferenceMs: config.priorReferenceMs });
    if (work.todo.length > 0) {
      status(`warming up ${backendDetail}`);
      await measurer.warmUp(config.protocol.processWarmupMs);
    }
    for (;;) {
      g.__proxynas = { state: "measuring", done: work.total - work.todo.length, total: work.total };
      for (const unit of work.todo) {
        const m = await measurer.measure(unit.arch);
        await post("/api/result", { index: unit.index, arch: unit.arch, pass: unit.pass, result: m });
        g.__proxynas.done++;
        status(`${work.phase} on ${backendDetail}: ${g.__proxynas.done}/${g.__proxynas.total} ${m.ok ? `${m.stats.medianMs.toFixed(2)} ms` : `failed: ${m.reason}`}`);
      }
      const next = (await post("/api/done", {})) as { more: boolean; work?: PageWork };
      if (!next.more || !next.work) break;
      work = next.work;
    }
    measurer.dispose();
    g.__proxynas = { state: "done", done: g.__proxynas?.done ?? 0, total: g.__proxynas?.total ?? 0 };
    status(`done on ${backendDetail}`);
    const next = g.document.getElementById("next");
    if (next && config.nextStep) next.textContent = config.nextStep;
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    g.__proxynas = { ...(g.__proxynas ?? { done: 0, total: 0 }), state: "error", error: message };
    status(`error: ${message}`);
    try {
      await post("/api/error", { message });
    } catch {
      // the server is gone; the page shows the error
    }
  }
}

void main();
