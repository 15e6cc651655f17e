/**
 * Runtime-devices a latency can be measured on, named `<host>-<backend>`:
 * TensorFlow.js in Node (`node-wasm`, `node-cpu`, `node-tensorflow` when
 * tfjs-node loads) or in a browser (`chromium-wasm`, `chromium-cpu`,
 * `chromium-webgl`, driven headless through Chromium and playwright-core;
 * `firefox-wasm`, `firefox-cpu`, `firefox-webgl`, headless Firefox opening the
 * measurement page; any other browser reaches the page of
 * `proxynas measure serve` and is named `browser-<backend>` or as given).
 */
import { oneOf } from "../errors.js";

/** Runtimes proxynas measures on by itself. */
export type RuntimeName =
  | "node-wasm"
  | "node-cpu"
  | "node-tensorflow"
  | "chromium-wasm"
  | "chromium-cpu"
  | "chromium-webgl"
  | "firefox-wasm"
  | "firefox-cpu"
  | "firefox-webgl";
/**
 * The runtimes `measureOnRuntime` can measure on, as `<host>-<backend>`.
 *
 * @example
 * ```ts
 * RUNTIME_NAMES.includes("chromium-wasm"); // true
 * ```
 */
export const RUNTIME_NAMES: readonly RuntimeName[] = ["node-wasm", "node-cpu", "node-tensorflow", "chromium-wasm", "chromium-cpu", "chromium-webgl", "firefox-wasm", "firefox-cpu", "firefox-webgl"];

/** Where a runtime runs and on which tfjs backend. */
export interface RuntimeSpec {
  readonly name: RuntimeName;
  readonly host: "node" | "chromium" | "firefox";
  readonly backend: "wasm" | "cpu" | "tensorflow" | "webgl";
}

/**
 * Validates a runtime name.
 *
 * @throws {InvalidArgumentError} listing the runtimes
 * @example
 * ```ts
 * parseRuntime("node-wasm"); // { name: "node-wasm", host: "node", backend: "wasm" }
 * ```
 */
export function parseRuntime(name: unknown): RuntimeSpec {
  const n = oneOf("runtime", name, RUNTIME_NAMES);
  const [host, backend] = n.split("-") as [RuntimeSpec["host"], RuntimeSpec["backend"]];
  return { name: n, host, backend };
}
