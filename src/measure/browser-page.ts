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
  document: { getElementById(id: string): { textContent: string | null } | null; createElement(tag: "canvas"): { getContext(kind: string): WebGlLike | null } };
  fetch(url: string, init?: { method: string; headers: Record<string, string>; body: string }): Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;
  __proxynas?: { state: string; done: number; total: number; error?: string };
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
    const measurer = createMeasurer(config.space, config.protocol, config.seed);
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
