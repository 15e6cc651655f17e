/**
 * Measures architectures on the active tfjs backend: build the network
 * (seeded random weights), time inference under the protocol (each run paired
 * with a run of the session's reference network), dispose it. Runs in Node
 * and in the browser bundle alike. A failure is a result with its reason,
 * never a latency of 0.
 */
import type * as TF from "@tensorflow/tfjs";
import { tfjs } from "../runtime/backend.js";
import { canonicalArch } from "../spaces/space.js";
import { buildNetwork, REFERENCE_ARCHS, type MeasurableSpace } from "./network.js";
import { DEFAULT_PROTOCOL, ReferenceHistory, timeGuarded, timePaired, type MeasureProtocol, type RunStats } from "./protocol.js";

/** The outcome of measuring one architecture. */
export type ArchMeasurement =
  | {
      readonly arch: string;
      readonly ok: true;
      /** The network's own run times. */
      readonly stats: RunStats;
      /** Paired protocol: the ratios to the reference's runs. */
      readonly ratio?: RunStats;
      /** Paired protocol: the reference's median in this measurement, ms. */
      readonly referenceMs?: number;
      /** Paired protocol: the reference medians of the attempts discarded as disturbed (protocol `referenceGuard`), in order. */
      readonly disturbedReferenceMs?: readonly number[];
    }
  | { readonly arch: string; readonly ok: false; readonly reason: string };

/** A measurement session on one backend: the reference network and the input, built once. */
export interface Measurer {
  readonly space: MeasurableSpace;
  /** The reference architecture (null when the protocol is not paired). */
  readonly reference: string | null;
  /** Runs the reference untimed for `ms` (the protocol's process warm-up). */
  warmUp(ms: number): Promise<void>;
  /** Measures one architecture (canonical string in the result). */
  measure(arch: string): Promise<ArchMeasurement>;
  /** Frees the reference network and the input. */
  dispose(): void;
}

/** Options of {@link createMeasurer}. */
export interface MeasurerOptions {
  /** Reference medians of earlier measurements of this runtime (e.g. the file's records), so that the guard knows the typical reference from the first architecture on. */
  readonly priorReferenceMs?: readonly number[];
  /** Waits between a disturbed attempt and the next (default a real timer), replaceable in tests. */
  readonly pause?: (ms: number) => Promise<void>;
}

const runOnce = (model: TF.LayersModel, x: TF.Tensor) => () => {
  const y = model.predict(x) as TF.Tensor;
  y.dataSync();
  y.dispose();
};

/**
 * Starts a measurement session. The caller must `dispose()` it; measuring
 * leaves the tfjs tensor count unchanged.
 *
 * @example
 * ```ts
 * await initBackend("wasm");
 * const m = createMeasurer("nb201");
 * await m.warmUp(3000);
 * const r = await m.measure(arch);
 * m.dispose();
 * ```
 */
export function createMeasurer(space: MeasurableSpace, protocol: MeasureProtocol = DEFAULT_PROTOCOL, seed = 0, options: MeasurerOptions = {}): Measurer {
  const tf = tfjs();
  const reference = protocol.paired ? REFERENCE_ARCHS[space] : null;
  const warmArch = REFERENCE_ARCHS[space];
  const ref = buildNetwork(space, warmArch, seed);
  const inputs = new Map<string, TF.Tensor>();
  const inputFor = (shape: readonly number[]) => {
    const key = shape.join("x");
    let x = inputs.get(key);
    if (!x) inputs.set(key, (x = tf.randomNormal([protocol.batchSize, ...shape], 0, 1, "float32", seed)));
    return x;
  };
  const refRun = runOnce(ref.model, inputFor(ref.imageShape));
  const pause = options.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // the guard's history of reference medians: the file's, then every attempt's
  const history = new ReferenceHistory(options.priorReferenceMs);
  return {
    space,
    reference,
    async warmUp(ms: number) {
      // not fed to the guard: a reference run back to back is not one paired with a network
      const t0 = performance.now();
      while (performance.now() - t0 < ms) {
        refRun();
        await Promise.resolve();
      }
    },
    async measure(arch: string): Promise<ArchMeasurement> {
      const canonical = canonicalArch(space, arch);
      let model: TF.LayersModel | undefined;
      try {
        const built = buildNetwork(space, canonical, seed);
        model = built.model;
        const run = runOnce(model, inputFor(built.imageShape));
        if (!protocol.paired) return { arch: canonical, ok: true, stats: (await timePaired(run, undefined, protocol)).stats };
        const r = await timeGuarded(() => timePaired(run, refRun, protocol), history, protocol, pause);
        return {
          arch: canonical, ok: true, stats: r.stats, ratio: r.ratio as RunStats, referenceMs: r.referenceMs as number,
          ...(r.disturbedReferenceMs.length > 0 ? { disturbedReferenceMs: r.disturbedReferenceMs } : {}),
        };
      } catch (e) {
        return { arch: canonical, ok: false, reason: (e as Error).message };
      } finally {
        model?.dispose();
      }
    },
    dispose() {
      ref.model.dispose();
      for (const x of inputs.values()) x.dispose();
      inputs.clear();
    },
  };
}

/**
 * Measures one architecture in a session of its own (reference built and
 * disposed around it). For many architectures use `createMeasurer`.
 *
 * @throws {InvalidArgumentError} when `arch` is not an architecture of the space (bad input, not a failed measurement; `Measurer.measure` parses before its try)
 * @example
 * ```ts
 * const m = await measureArchitecture("nb201", arch);
 * if (m.ok) console.log(m.stats.medianMs);
 * ```
 */
export async function measureArchitecture(space: MeasurableSpace, arch: string, protocol: MeasureProtocol = DEFAULT_PROTOCOL, seed = 0): Promise<ArchMeasurement> {
  const m = createMeasurer(space, protocol, seed);
  try {
    return await m.measure(arch);
  } finally {
    m.dispose();
  }
}
