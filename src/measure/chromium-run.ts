/**
 * Measurement in headless Chromium on this machine (runtimes
 * `chromium-wasm`, `chromium-cpu`, `chromium-webgl`): the measurement server
 * serves the page, playwright-core drives Debian's Chromium to it, and the
 * results land in the same measurement file as a Node run's.
 *
 * WebGL runs on the machine's GPU where Chromium can use it, otherwise on
 * SwiftShader (a software renderer, as on this project's machine); the
 * renderer is recorded with the measurement.
 */
import { ExecutionError, InvalidArgumentError } from "../errors.js";
import { CHROMIUM_ARGS, withBrowser } from "../runtime/chromium.js";
import { serveMeasurement } from "./measure-server.js";
import { nodeMachine } from "./measure-run.js";
import { type MeasureRunOptions, type MeasureSummary } from "./measurement-session.js";
import { parseRuntime } from "./runtime-name.js";

/** Chromium flags per backend: WebGL needs the GPU process (falling back to SwiftShader without a GPU). */
export function chromiumMeasureArgs(backend: "wasm" | "cpu" | "webgl"): string[] {
  if (backend !== "webgl") return [...CHROMIUM_ARGS];
  return [...CHROMIUM_ARGS.filter((a) => a !== "--disable-gpu"), "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"];
}

/**
 * Measures architectures in headless Chromium into a file (resumable, like
 * {@link measureInNode}).
 *
 * @throws {InvalidArgumentError} for a runtime that is not a Chromium runtime
 * @throws {EnvironmentError} when Chromium is missing
 * @throws {ExecutionError} when the page fails (e.g. no WebGL in this Chromium)
 * @example
 * ```ts
 * await measureInChromium({ space: "nb201", runtime: "chromium-wasm", archs, out: "mine.csv" });
 * ```
 */
export async function measureInChromium(options: MeasureRunOptions & { readonly timeoutMs?: number }): Promise<MeasureSummary> {
  const spec = parseRuntime(options.runtime);
  if (spec.host !== "chromium") throw new InvalidArgumentError(`measureInChromium: runtime ${spec.name} is not a Chromium runtime; expected chromium-wasm, chromium-cpu or chromium-webgl`);
  const backend = spec.backend as "wasm" | "cpu" | "webgl";
  const errors: string[] = [];
  return serveMeasurement({
    ...options,
    name: spec.name,
    backend,
    machine: nodeMachine(),
    idleTimeoutMs: options.timeoutMs ?? 10 * 60_000,
    onListening: (url) =>
      withBrowser(
        async (browser) => {
          const page = await browser.newPage();
          page.on("pageerror", (e) => errors.push(e.message ?? String(e)));
          await page.goto(url, { waitUntil: "load", timeout: 60_000 });
          try {
            await page.waitForFunction("globalThis.__proxynas && (globalThis.__proxynas.state === 'done' || globalThis.__proxynas.state === 'error')", undefined, { timeout: 0, polling: 500 });
          } catch (e) {
            throw new ExecutionError(`measureInChromium: the page stopped: ${(e as Error).message.split("\n")[0]}${errors.length ? `; page errors: ${errors.join("; ")}` : ""}`, { cause: e });
          }
        },
        { args: chromiumMeasureArgs(backend) },
      ),
  });
}
