/**
 * Measurement in headless Firefox on this machine (runtimes `firefox-wasm`,
 * `firefox-cpu`, `firefox-webgl`): the measurement server serves the page and
 * Firefox opens it as any visiting browser would; the page posts its results
 * to the server, so no browser driver is involved. Another JavaScript and
 * WebAssembly engine (SpiderMonkey) than Node's and Chromium's (V8), so a
 * runtime-device whose latency ranking can differ.
 */
import { ExecutionError, InvalidArgumentError } from "../errors.js";
import { openInFirefox, type FirefoxProcess } from "../runtime/firefox.js";
import { serveMeasurement } from "./measure-server.js";
import { nodeMachine } from "./measure-run.js";
import { type MeasureRunOptions, type MeasureSummary } from "./measurement-session.js";
import { parseRuntime } from "./runtime-name.js";

/**
 * Measures architectures in headless Firefox into a file (resumable, like
 * {@link measureInNode}).
 *
 * @param options.timeoutMs - fail when the page sends nothing for this long (default 10 min)
 * @throws {InvalidArgumentError} for a runtime that is not a Firefox runtime
 * @throws {EnvironmentError} when Firefox is missing
 * @throws {ExecutionError} when Firefox exits before the page is done, or the page reports an error (e.g. no WebGL)
 * @example
 * ```ts
 * await measureInFirefox({ space: "nb201", runtime: "firefox-wasm", archs, out: "mine.csv" });
 * ```
 */
export async function measureInFirefox(options: MeasureRunOptions & { readonly timeoutMs?: number }): Promise<MeasureSummary> {
  const spec = parseRuntime(options.runtime);
  if (spec.host !== "firefox") throw new InvalidArgumentError(`measureInFirefox: runtime ${spec.name} is not a Firefox runtime; expected firefox-wasm, firefox-cpu or firefox-webgl`);
  let firefox: FirefoxProcess | undefined;
  return serveMeasurement({
    ...options,
    name: spec.name,
    backend: spec.backend as "wasm" | "cpu" | "webgl",
    machine: nodeMachine(),
    idleTimeoutMs: options.timeoutMs ?? 10 * 60_000,
    onListening: async (url) => {
      firefox = await openInFirefox(url);
      const code = await firefox.exited;
      if (!firefox.closing) throw new ExecutionError(`measureInFirefox: Firefox exited (code ${String(code)}) before the page had measured every architecture; what it measured is kept in ${options.out}, run again to resume`);
    },
    onFinished: async () => {
      await firefox?.close();
    },
  });
}
