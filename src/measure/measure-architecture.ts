/**
 * Measures one architecture on the active tfjs backend: build the network
 * (seeded random weights), time inference under the protocol, dispose
 * everything. Runs in Node and in the browser bundle alike. A failure is a
 * result with its reason, never a latency of 0.
 */
import type * as TF from "@tensorflow/tfjs";
import { tfjs } from "../runtime/backend.js";
import { canonicalArch } from "../spaces/space.js";
import { buildNetwork, type MeasurableSpace } from "./network.js";
import { DEFAULT_PROTOCOL, timeRuns, type MeasureProtocol, type RunStats } from "./protocol.js";

/** The outcome of measuring one architecture. */
export type ArchMeasurement =
  | { readonly arch: string; readonly ok: true; readonly stats: RunStats }
  | { readonly arch: string; readonly ok: false; readonly reason: string };

/**
 * Runs one architecture's network untimed for `ms` milliseconds (the process
 * warm-up of the protocol), then disposes it.
 *
 * @example
 * ```ts
 * await warmUpRuntime("nb201", arch, 3000);
 * ```
 */
export async function warmUpRuntime(space: MeasurableSpace, arch: string, ms: number, seed = 0): Promise<void> {
  if (ms <= 0) return;
  const tf = tfjs();
  const { model, imageShape } = buildNetwork(space, canonicalArch(space, arch), seed);
  const x = tf.randomNormal([1, ...imageShape], 0, 1, "float32", seed);
  try {
    const t0 = performance.now();
    do {
      const y = model.predict(x) as TF.Tensor;
      y.dataSync();
      y.dispose();
      await Promise.resolve();
    } while (performance.now() - t0 < ms);
  } finally {
    x.dispose();
    model.dispose();
  }
}

/**
 * Builds, times and disposes one architecture's network. Leaves the tfjs
 * tensor count unchanged. The result names the canonical architecture string.
 *
 * @throws {InvalidArgumentError} when `arch` is not an architecture of the space (bad input, not a failed measurement)
 * @example
 * ```ts
 * await initBackend("wasm");
 * const m = await measureArchitecture("nb201", arch);
 * if (m.ok) console.log(m.stats.medianMs);
 * ```
 */
export async function measureArchitecture(space: MeasurableSpace, arch: string, protocol: MeasureProtocol = DEFAULT_PROTOCOL, seed = 0): Promise<ArchMeasurement> {
  const canonical = canonicalArch(space, arch);
  const tf = tfjs();
  let model: TF.LayersModel | undefined;
  let input: TF.Tensor | undefined;
  try {
    const built = buildNetwork(space, canonical, seed);
    model = built.model;
    input = tf.randomNormal([protocol.batchSize, ...built.imageShape], 0, 1, "float32", seed);
    const m = model;
    const x = input;
    const stats = await timeRuns(() => {
      const y = m.predict(x) as TF.Tensor;
      y.dataSync();
      y.dispose();
    }, protocol);
    return { arch: canonical, ok: true, stats };
  } catch (e) {
    return { arch: canonical, ok: false, reason: (e as Error).message };
  } finally {
    input?.dispose();
    model?.dispose();
  }
}
