/**
 * The measurement server: serves a page that measures a list of architectures
 * in the visiting browser (the bundle of `browser-page.ts`, with the tfjs wasm
 * binaries) and writes the results it posts back into a measurement file,
 * resumably, exactly as a Node run does.
 *
 * Safety: bound to 127.0.0.1 unless a host is given; every API call must
 * carry the session's random token; bodies are limited in size and validated
 * against the session (known architecture and index, pass in range, finite
 * statistics); the only file written is the output file and its sidecar,
 * fixed when the server starts.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EnvironmentError, ExecutionError, InvalidArgumentError } from "../errors.js";
import type { ArchMeasurement } from "./measure-architecture.js";
import { pendingWork, type RuntimeMetadata } from "./measurement-file.js";
import { MeasurementSession, type IndexedArch, type MeasureProgress, type MeasureRunOptions, type MeasureSummary } from "./measurement-session.js";
import type { PageConfig, PageWork } from "./browser-page.js";
import type { RunStats } from "./protocol.js";

const require = createRequire(import.meta.url);

/** Most connections open at once. */
const MAX_CONNECTIONS = 1024;
/** A request must arrive whole within this time. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Options of {@link serveMeasurement}. */
export interface ServeOptions extends Omit<MeasureRunOptions, "runtime"> {
  /** Column name of the runtime-device (e.g. `chromium-wasm`, `browser-wasm`, `pixel7-webgl`). */
  readonly name: string;
  readonly backend: "wasm" | "cpu" | "webgl";
  /** Interface to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 0: any free port). */
  readonly port?: number;
  /** Machine description to record instead of what the browser reports (for a browser driven on this machine). */
  readonly machine?: RuntimeMetadata["machine"];
  /** Called with the page's URL once the server listens. */
  readonly onListening?: (url: string) => void | Promise<void>;
  /** Called once when the page has sent everything or the run failed, before the server waits (at most 10 s) for `onListening`'s promise: the place to close a browser that cannot see the page's state. */
  readonly onFinished?: () => void | Promise<void>;
  /** Fails the run when the page reports nothing for this long (default: no limit). */
  readonly idleTimeoutMs?: number;
  /** The page waits for one click on a button of this label before it measures (e.g. "Measure the 10 reference architectures"), and shows `nextStep` when done. */
  readonly startLabel?: string;
  readonly nextStep?: string;
}

/** The page's HTML: a status line, and a start button the script shows when the session has a start label. */
function pageHtml(title: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>proxynas: measuring latency</h1><button id="start" hidden style="font-size:1.2em;padding:0.5em 1em"></button><pre id="status">loading</pre><pre id="next"></pre><script src="/measure-page.js"></script></body></html>`;
}

/** The browser bundle (built by `npm run build`). */
function bundlePath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // dist/measure -> dist/browser; src/measure (tests, tsx) -> dist/browser
  const candidates = [path.resolve(here, "../browser/measure-page.js"), path.resolve(here, "../../dist/browser/measure-page.js")];
  const p = candidates.find((c) => existsSync(c));
  if (!p) throw new EnvironmentError(`the measurement page bundle is missing (looked for ${candidates.join(", ")}); build it with "npm run build" (or "npm run setup")`);
  return p;
}

function wasmDir(): string {
  return path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"));
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "body is not JSON");
  }
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Validates a posted result against the session.
 *
 * @throws {HttpError} 400 naming the field that is wrong
 */
function parseResult(body: unknown, byArch: ReadonlyMap<string, IndexedArch>, passes: number): { unit: IndexedArch & { pass: number }; m: ArchMeasurement } {
  const b = body as { index?: unknown; arch?: unknown; pass?: unknown; result?: unknown };
  if (typeof b !== "object" || b === null) throw new HttpError(400, "result: expected an object {index, arch, pass, result}");
  const known = typeof b.arch === "string" ? byArch.get(b.arch) : undefined;
  if (!known) throw new HttpError(400, `result: arch ${JSON.stringify(b.arch)?.slice(0, 120)} is not in this session's list`);
  if (b.index !== known.index) throw new HttpError(400, `result: index ${JSON.stringify(b.index)} does not match ${known.index} for this architecture`);
  if (!Number.isInteger(b.pass) || (b.pass as number) < 0 || (b.pass as number) >= passes) throw new HttpError(400, `result: pass ${JSON.stringify(b.pass)} is not in 0..${passes - 1}`);
  const r = b.result as { arch?: unknown; ok?: unknown; reason?: unknown; stats?: Record<string, unknown>; ratio?: Record<string, unknown>; referenceMs?: unknown; disturbedReferenceMs?: unknown };
  if (typeof r !== "object" || r === null || r.arch !== known.arch) throw new HttpError(400, "result.result: expected {arch, ok, stats | reason} for the same architecture");
  if (r.ok === false) {
    if (typeof r.reason !== "string" || r.reason.length === 0 || r.reason.length > 2000) throw new HttpError(400, "result.result.reason: expected a non-empty string of at most 2000 characters");
    return { unit: { ...known, pass: b.pass as number }, m: { arch: known.arch, ok: false, reason: printable(r.reason) } };
  }
  if (r.ok !== true || typeof r.stats !== "object" || r.stats === null) throw new HttpError(400, "result.result: ok must be true with stats, or false with a reason");
  const stats = parseStats(r.stats, "result.result.stats");
  const paired = r.ratio !== undefined;
  if (paired !== (r.referenceMs !== undefined)) throw new HttpError(400, "result.result: ratio and referenceMs come together");
  if (!paired) return { unit: { ...known, pass: b.pass as number }, m: { arch: known.arch, ok: true, stats } };
  if (!finite(r.referenceMs) || r.referenceMs <= 0) throw new HttpError(400, `result.result.referenceMs: ${JSON.stringify(r.referenceMs)} is not a finite number > 0`);
  const ratio = parseStats(r.ratio, "result.result.ratio");
  const d = r.disturbedReferenceMs;
  if (d !== undefined && (!Array.isArray(d) || d.length > 10 || !d.every((v) => finite(v) && v > 0 && v <= MAX_MS))) {
    throw new HttpError(400, `result.result.disturbedReferenceMs: expected at most 10 numbers in (0, ${MAX_MS}]`);
  }
  const disturbed = d && d.length > 0 ? { disturbedReferenceMs: d as number[] } : {};
  return { unit: { ...known, pass: b.pass as number }, m: { arch: known.arch, ok: true, stats, ratio, referenceMs: r.referenceMs, ...disturbed } };
}

/** Control characters (newlines, terminal escapes) become spaces: a reason is printed in progress lines and reports. */
function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim() || "(no printable reason)";
}

/** Bounds of the posted statistics: an hour per run, and a coefficient of variation of 1,000. */
const MAX_MS = 3.6e6;
const MAX_CV = 1e3;

function parseStats(raw: unknown, where: string): RunStats {
  if (typeof raw !== "object" || raw === null) throw new HttpError(400, `${where}: expected an object of run statistics`);
  const s = raw as Record<string, unknown>;
  for (const k of ["medianMs", "madMs", "cv", "meanMs", "minMs"]) {
    const max = k === "cv" ? MAX_CV : MAX_MS;
    if (!finite(s[k]) || (s[k] as number) < 0 || (s[k] as number) > max) throw new HttpError(400, `${where}.${k}: ${JSON.stringify(s[k])?.slice(0, 40)} is not a number in [0, ${max}]`);
  }
  for (const k of ["runs", "outliers"]) if (!Number.isInteger(s[k]) || (s[k] as number) < 0) throw new HttpError(400, `${where}.${k}: ${JSON.stringify(s[k])} is not an integer >= 0`);
  if ((s["runs"] as number) < 1) throw new HttpError(400, `${where}.runs: must be >= 1`);
  const flags = s["flags"];
  if (!Array.isArray(flags) || !flags.every((f) => f === "unstable" || f === "outliers" || f === "disturbed")) throw new HttpError(400, `${where}.flags: expected a list of "unstable", "outliers" and "disturbed"`);
  return {
    medianMs: s["medianMs"] as number, madMs: s["madMs"] as number, cv: s["cv"] as number, meanMs: s["meanMs"] as number, minMs: s["minMs"] as number,
    runs: s["runs"] as number, outliers: s["outliers"] as number, flags: flags as string[],
  };
}

/**
 * Serves the measurement page until the browser has measured every
 * architecture-pass (or reports an error), writing results to `out` as they
 * arrive. Resumes like {@link measureInNode}: what the file already holds is
 * not asked for again.
 *
 * @throws {InvalidArgumentError} for bad options, architectures, or a file measured with other settings
 * @throws {ExecutionError} when the page reports an error (e.g. the backend is not available in that browser) or goes idle past `idleTimeoutMs`
 * @example
 * ```ts
 * await serveMeasurement({ space: "nb201", name: "browser-wasm", backend: "wasm", archs, out: "phone.csv", onListening: (url) => console.log(`open ${url}`) });
 * ```
 */
export async function serveMeasurement(options: ServeOptions): Promise<MeasureSummary> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(options.name)) throw new InvalidArgumentError(`serveMeasurement: name ${JSON.stringify(options.name)} is not a valid column name; use letters, digits, ".", "_" and "-" (e.g. browser-wasm)`);
  if (!["wasm", "cpu", "webgl"].includes(options.backend)) throw new InvalidArgumentError(`serveMeasurement: backend ${JSON.stringify(options.backend)}; expected wasm, cpu or webgl`);
  const session = await MeasurementSession.open(options, "serveMeasurement");
  const { archs, protocol, seed } = session;
  const byArch = new Map(archs.map((a) => [a.arch, a]));
  const bundle = await readFile(bundlePath());
  const wasm = wasmDir();
  const token = randomBytes(16).toString("hex");

  let phase: MeasureProgress["phase"] = "measure";
  const existing = session.file.runtimes[options.name];
  const skipped = existing ? pendingWork(archs, existing.results, protocol.passes).done : 0;
  let phaseStart = performance.now();
  let doneInPhase = 0;
  let expected = new Set<string>();
  /** Results accepted in this session, by pass and architecture: the body posted, so that a retry is answered alike. */
  const accepted = new Map<string, string>();
  /** The browser that said hello first (user agent and backend detail). */
  let greeted: string | undefined;
  let finish: (e?: Error) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => (finish = (e) => (e ? reject(e) : resolve())));
  let idleTimer: NodeJS.Timeout | undefined;
  const touch = () => {
    if (options.idleTimeoutMs === undefined) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => finish(new ExecutionError(`serveMeasurement: the page sent nothing for ${options.idleTimeoutMs} ms`)), options.idleTimeoutMs);
  };

  const nextWork = (): PageWork => {
    // phases: first every architecture-pass, then the repeats
    let work = session.pending();
    phase = "measure";
    if (work.todo.length === 0) {
      work = session.repeats();
      phase = "repeat";
    }
    expected = new Set(work.todo.map((u) => `${u.pass}#${u.arch}`));
    phaseStart = performance.now();
    doneInPhase = 0;
    return { phase, todo: work.todo, total: work.total };
  };
  if (options.startLabel !== undefined && (options.startLabel.length === 0 || options.startLabel.length > 200)) throw new InvalidArgumentError(`serveMeasurement: startLabel of ${options.startLabel.length} characters; valid: 1 to 200`);
  const config: PageConfig = { space: options.space, backend: options.backend, protocol, seed, count: archs.length, priorReferenceMs: session.referenceHistory(options.name), ...(options.startLabel ? { startLabel: options.startLabel } : {}), ...(options.nextStep ? { nextStep: options.nextStep } : {}) };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: string | Buffer, type = "application/json") => {
      // cross-origin isolation gives the page a 5 us timer instead of a coarsened 100 us one
      res.writeHead(status, {
        "content-type": type,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
      });
      res.end(body);
    };
    const handle = async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.method === "GET") {
        if (url.pathname === "/") return send(200, pageHtml(`proxynas measure: ${options.name}`), "text/html; charset=utf-8");
        if (url.pathname === "/measure-page.js") return send(200, bundle, "text/javascript");
        const m = /^\/wasm\/(tfjs-backend-wasm(?:-simd|-threaded-simd)?\.wasm)$/.exec(url.pathname);
        if (m) return send(200, await readFile(path.join(wasm, m[1] as string)), "application/wasm");
        throw new HttpError(404, `no such page: ${url.pathname}`);
      }
      if (req.method !== "POST" || !url.pathname.startsWith("/api/")) throw new HttpError(405, `${req.method} ${url.pathname} is not allowed`);
      if (req.headers["x-proxynas-token"] !== token) throw new HttpError(403, "missing or wrong session token");
      const body = await readBody(req);
      touch();
      switch (url.pathname) {
        case "/api/session":
          return send(200, JSON.stringify(config));
        case "/api/hello": {
          if (typeof body !== "object" || body === null || Array.isArray(body)) throw new HttpError(400, "hello: expected an object {userAgent, backend, backendDetail, tfjsVersion, ...}");
          const h = body as { userAgent?: unknown; backend?: unknown; backendDetail?: unknown; tfjsVersion?: unknown; cores?: unknown; platform?: unknown; memoryGb?: unknown };
          // one page per session: a reload of the same browser carries on; another browser would mix into this column
          const browser = `${String(h.userAgent)}|${String(h.backendDetail)}`;
          if (greeted !== undefined && greeted !== browser) throw new HttpError(409, "hello: this session already measures in another browser; start a new session (another --out or --name) for this one");
          const str = (v: unknown, name: string) => {
            if (typeof v !== "string" || v.length > 500) throw new HttpError(400, `hello.${name}: expected a string of at most 500 characters`);
            return v;
          };
          if (h.backend !== options.backend) throw new HttpError(400, `hello.backend: the page runs ${JSON.stringify(h.backend)?.slice(0, 40)}, the session asked for ${options.backend}`);
          greeted = browser;
          session.start({
            runtime: options.name,
            host: "browser",
            backend: options.backend,
            backendDetail: str(h.backendDetail, "backendDetail"),
            tfjsVersion: str(h.tfjsVersion, "tfjsVersion"),
            userAgent: str(h.userAgent, "userAgent"),
            machine: options.machine ?? {
              cpu: "unknown (reported by a browser)",
              cores: Number.isInteger(h.cores) ? (h.cores as number) : 0,
              platform: str(h.platform ?? "", "platform"),
              arch: "",
              memoryGb: finite(h.memoryGb) ? h.memoryGb : Number.NaN,
            },
          });
          return send(200, JSON.stringify(nextWork()));
        }
        case "/api/result": {
          if (!session.section) throw new HttpError(409, "hello first");
          const { unit, m } = parseResult(body, byArch, protocol.passes);
          const key = `${unit.pass}#${unit.arch}`;
          const posted = JSON.stringify(body);
          if (!expected.has(key)) {
            // a retry of a result already accepted (its answer was lost) is answered again; anything else is a conflict
            if (accepted.get(key) === posted) return send(200, JSON.stringify({ ok: true, duplicate: true }));
            throw new HttpError(409, `result: pass ${unit.pass} of ${unit.arch} is not pending${accepted.has(key) ? " (a different result for it was accepted)" : ""}`);
          }
          expected.delete(key);
          accepted.set(key, posted);
          const record = await session.record(phase, unit, m);
          doneInPhase++;
          const elapsed = performance.now() - phaseStart;
          options.onProgress?.({ phase, done: doneInPhase, total: doneInPhase + expected.size, skipped: 0, record, elapsedMs: elapsed, etaMs: (elapsed / doneInPhase) * expected.size });
          return send(200, JSON.stringify({ ok: true }));
        }
        case "/api/done": {
          if (!session.section) throw new HttpError(409, "hello first");
          if (expected.size > 0) throw new HttpError(409, `${expected.size} architecture-passes are still pending`);
          // after the first phase the page asks again (for the repeats); the run ends when nothing is left
          const next = nextWork();
          if (next.todo.length > 0) return send(200, JSON.stringify({ more: true, work: next }));
          await session.flush();
          send(200, JSON.stringify({ more: false }));
          return finish();
        }
        case "/api/error": {
          const msg = typeof (body as { message?: unknown }).message === "string" ? ((body as { message: string }).message).slice(0, 2000) : "unknown error";
          send(200, JSON.stringify({ ok: true }));
          return finish(new ExecutionError(`the measurement page on ${options.name} failed: ${msg}`));
        }
        default:
          throw new HttpError(404, `no such API: ${url.pathname}`);
      }
    };
    handle().catch((e: unknown) => {
      // a request whose body was not read to the end leaves the connection unusable: close it
      if (e instanceof HttpError && e.status === 413) res.setHeader("connection", "close");
      if (e instanceof HttpError) send(e.status, JSON.stringify({ error: e.message }));
      else if (e instanceof InvalidArgumentError) send(409, JSON.stringify({ error: e.message }));
      else send(500, JSON.stringify({ error: (e as Error).message }));
    });
  });
  // bounded: open connections (a browser keeps a few; a burst of retries more), and no client may hold a request open for long
  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = REQUEST_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => reject(new EnvironmentError(`serveMeasurement: cannot listen on ${host}:${options.port ?? 0}: ${(e as Error).message}`)));
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/?token=${token}`;
  const listening = Promise.resolve().then(() => options.onListening?.(url));
  try {
    touch();
    await Promise.race([finished, listening.then(() => finished)]);
  } finally {
    try {
      await options.onFinished?.();
      // let the caller's browser close (it sees the page's final state), but do not hang on it
      await Promise.race([listening.catch(() => undefined), new Promise((r) => setTimeout(r, 10_000).unref())]);
    } finally {
      clearTimeout(idleTimer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
  return session.summary(skipped);
}
