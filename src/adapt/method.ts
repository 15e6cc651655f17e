/**
 * What every adaptation method sees and returns: the proxy-side context, the
 * target's measured rows, the options, and the penalty grid shared by the
 * methods that choose penalties by leave-one-out. The methods themselves are
 * one file each; `registry.ts` names them.
 */
import type { Matrix } from "../predict/ridge.js";

/**
 * An adaptation method's name (see docs/methods.md for each).
 *
 * @example
 * ```ts
 * const method: AdaptMethod = "proxy-ensemble-bagged";
 * ```
 */
export type AdaptMethod = "proxy-ridge" | "proxy-ensemble" | "proxy-ensemble-bagged" | "adaproxy" | "least-squares" | "operation-counts" | "proxy" | "device-aware";
/**
 * Every adaptation method, in the order `--help` lists them.
 *
 * @example
 * ```ts
 * for (const method of ADAPT_METHODS) adaptTarget(ctx, measure, { samples: 10, method });
 * ```
 */
export const ADAPT_METHODS: readonly AdaptMethod[] = ["proxy-ridge", "proxy-ensemble", "proxy-ensemble-bagged", "adaproxy", "least-squares", "operation-counts", "proxy", "device-aware"];

/** AdaProxy's norm on b. */
export type AdaProxyNorm = 1 | 2 | "inf";

/** What every method sees. */
export interface AdaptContext {
  /** One-hot operator features (n x 30). */
  readonly onehot: Matrix;
  /** Live one-hot operator features (n x 30). */
  readonly live: Matrix;
  /**
   * How often each operation occurs (NAS-Bench-201: over all edges and over
   * live edges, n x 10): the cost an operation has on any edge, which the
   * per-edge one-hot then corrects.
   */
  readonly shared: Matrix;
  /** Proxies' latencies (ms) on every row, complete. */
  readonly proxies: readonly { readonly name: string; readonly latency: Float64Array }[];
  /** Each proxy's linear fit on one-hot + live features over all rows. */
  readonly fitted: readonly Float64Array[];
  /** Each proxy's operator-level model on one-hot features only (AdaProxy's w), weights and intercept. */
  readonly operatorModels: readonly { readonly intercept: number; readonly weights: Float64Array }[];
  /**
   * Prior knowledge: other devices' linear models (fitted on their own table)
   * evaluated on every row. proxy-ridge uses them as a basis for the
   * correction, leaving out devices related to the target.
   */
  readonly prior: readonly { readonly name: string; readonly fitted: Float64Array }[];
  /** A predictor trained across devices, for the `device-aware` method (see {@link DeviceModel}). */
  readonly deviceModel?: DeviceModel;
}

/**
 * A latency predictor trained once across many devices that describes a new
 * device by its latencies on a few reference rows (the `device-aware`
 * method's model; `proxynas/scale`'s `DeviceAwarePredictor` is one).
 */
export interface DeviceModel {
  /** Rows of the table the model was trained for. */
  readonly rows: number;
  /** The rows whose latencies describe a device (its reference architectures). */
  readonly referenceRows: readonly number[];
  /** Predicted log latency (natural log of ms) of every row, from a device's latencies (ms) on `referenceRows`, in order. */
  predictLog(referenceMs: ArrayLike<number>): Float64Array;
  /** The same predictions at some rows only, in order (optional: `device-aware` then predicts every row and reads these). */
  predictLogRows?(referenceMs: ArrayLike<number>, rows: readonly number[]): Float64Array;
}

/** The target's measured latencies. */
export interface Measured {
  readonly rows: readonly number[];
  readonly values: Float64Array;
}

/** Options of the methods. */
export interface MethodOptions {
  /** AdaProxy: norm on b (default 2). */
  readonly norm?: AdaProxyNorm;
  /** AdaProxy: validation samples for λ (default: 1 in 7 of K, at least 2). */
  readonly validation?: number;
  /** Seed for the AdaProxy validation split. */
  readonly seed?: number;
  /** The target's column name, to leave related devices out of the prior. */
  readonly target?: string;
  /** Called after each of the method's fits (`proxy-ensemble-bagged` makes 1 + BAG_COUNT; the others 1), for progress on large K. */
  readonly onFit?: (done: number, total: number) => void;
}

/**
 * Target samples K when none is given (`proxynas adapt`, the one-proxy pipeline).
 *
 * @example
 * ```ts
 * adaptTarget(ctx, measure, { samples: DEFAULT_SAMPLES });
 * ```
 */
export const DEFAULT_SAMPLES = 20;

/** Penalty grid shared by the methods that choose penalties by leave-one-out. */
export const PENALTY_GRID: readonly number[] = [1e-2, 1e-1, 1, 10, 100, 1000];

/** What a method predicts, and what it can say about its own accuracy from the samples alone. */
export interface MethodResult {
  /** Predicted latency (ms) of every row. */
  readonly predictions: Float64Array;
  /**
   * `proxy-ensemble-bagged` only: SRCC between the measured latencies and
   * their out-of-bag predictions (each sample predicted by the refits that
   * left it out, averaged), an estimate of the ranking quality from the
   * measured rows alone. Absent when fewer than `OOB_MIN` samples were
   * left out of some refit (K <= `BAG_MIN`: every refit is the full fit).
   */
  readonly outOfBagSrcc?: number;
  /**
   * `proxy-ensemble-bagged` only: each measured sample's out-of-bag
   * prediction (ms), in the order of the measured rows given, NaN for a
   * sample no refit left out.
   */
  readonly outOfBag?: Float64Array;
  /** `device-aware` only: the device model's weight in the blend, chosen on the samples. */
  readonly modelWeight?: number;
  /** `device-aware` only: the operation-count ridge's weight in the blend, chosen on the samples (the rest is split by `modelWeight`). */
  readonly countsWeight?: number;
  /**
   * `device-aware` only: the root mean square of the blend's held-out log
   * errors on the samples (each sample predicted by parts that did not see
   * it), an estimate of its error sd from the measured rows alone. Absent
   * with fewer than `OOB_MIN` held-out samples.
   */
  readonly heldOutLogError?: number;
}
