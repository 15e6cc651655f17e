/**
 * The browser bundle's stand-in for `runtime/backend.ts`: the bundler maps
 * that module to this one, so the measurement code (network builders,
 * protocol) is the same source in Node and in the page. Here tfjs is bundled
 * statically and the wasm binaries are served by `proxynas measure`.
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

/** The bundled tfjs namespace (same signature as the Node module's). */
export function tfjs(): typeof import("@tensorflow/tfjs") {
  return tf;
}

/**
 * Selects a tfjs backend in the page; the wasm binaries are fetched from
 * `wasmPath` (served by the measurement server).
 *
 * @returns a one-line description: backend, and for wasm whether SIMD and threads are on; for webgl the renderer
 */
export async function initPageBackend(backend: "wasm" | "cpu" | "webgl", wasmPath: string): Promise<string> {
  if (backend === "wasm") setWasmPaths(wasmPath);
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend "${backend}" is not available in this browser`);
  await tf.ready();
  if (backend === "wasm") {
    const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) === true;
    const threads = (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")) === true;
    return `wasm (SIMD ${simd ? "on" : "off"}, threads ${threads ? "on" : "off"})`;
  }
  if (backend === "webgl") {
    const version = tf.env().getNumber("WEBGL_VERSION");
    return `webgl (WebGL ${version})`;
  }
  return "cpu (pure JavaScript)";
}
