/**
 * One entry point for measuring on any runtime of this machine: a Node
 * runtime in this process, a `chromium-*` runtime in headless Chromium, a
 * `firefox-*` runtime in headless Firefox.
 */
import { measureInChromium } from "./chromium-run.js";
import { measureInFirefox } from "./firefox-run.js";
import { measureInNode } from "./measure-run.js";
import { type MeasureRunOptions, type MeasureSummary } from "./measurement-session.js";
import { parseRuntime } from "./runtime-name.js";

/**
 * Measures architectures on the runtime `options.runtime` names (resumable, like {@link measureInNode}).
 *
 * @throws {InvalidArgumentError} for an unknown runtime, listing the valid ones
 * @example
 * ```ts
 * await measureOnRuntime({ space: "nb201", runtime: "firefox-wasm", archs, out: "mine.csv" });
 * ```
 */
export async function measureOnRuntime(options: MeasureRunOptions): Promise<MeasureSummary> {
  switch (parseRuntime(options.runtime).host) {
    case "chromium":
      return measureInChromium(options);
    case "firefox":
      return measureInFirefox(options);
    case "node":
      return measureInNode(options);
  }
}
