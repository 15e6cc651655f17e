/**
 * The architecture optimizer: a network g(device's reference vector, latency
 * budget) -> one categorical choice per NAS-Bench-201 cell edge (6 x 5
 * logits), trained on exact optima (the most accurate architecture within
 * the budget, over all 15,625, on each training device), so that answering a
 * new device and budget is one forward pass and a small beam, not a search.
 *
 * Every answer is checked against the device-aware latency predictor: a
 * candidate is feasible when its predicted latency times e^margin is within
 * the budget, and a candidate predicted over that is never returned as
 * feasible. For a device that no pool device ranks like (on the reference
 * architectures), the check is the `device-aware` adaptation on the same
 * references instead of the device model alone ({@link FeasibilityCheck}). When no beam candidate is feasible, the answer falls back to the
 * predictor's exhaustive answer (and says so).
 */
import type * as TF from "@tensorflow/tfjs";
import { InvalidArgumentError, InvalidDataError } from "../errors.js";
import type { LatencyTable } from "../data/latency-table.js";
import { seededRng, shuffled, standardNormal } from "../random.js";
import { initBackend, tfjs } from "../runtime/backend.js";
import { NB201_EDGES, NB201_OPS, nb201Format, nb201FromCode, nb201Parse } from "../spaces/nb201.js";
import { quantiles } from "../stats/quantile.js";
import { spearman } from "../stats/correlation.js";
import { standardise } from "../stats/zscore.js";
import { ridgeFit } from "../predict/ridge.js";
import { adaptContext, adaptTarget } from "../adapt/adapt.js";
import type { AdaptContext } from "../adapt/method.js";
import type { DeviceAwarePredictor } from "./device-aware-predictor.js";
import { budgetFrontier, optimumUnderBudget } from "./exact-optima.js";
import { accuracyRange, checkPreferenceWeight, preferenceScale, preferenceUtility, type AccuracyRange, type PreferenceScale } from "./preference.js";
import { referenceVector } from "./reference-vector.js";

const EDGES = NB201_EDGES.length;
const OPS = NB201_OPS.length;

/** A device the optimizer learns from: its latency (ms) on every table row (NaN: not measured). */
export interface OptimizerDevice {
  readonly name: string;
  readonly latency: ArrayLike<number>;
}

/** Options of {@link ArchitectureOptimizer.train}. */
export interface ArchitectureOptimizerOptions {
  /** The table's accuracy column to maximise (e.g. `cifar10`). */
  readonly accuracy: string;
  /** Training devices: real ones (`table.latency(d)`) and synthetic ones. */
  readonly devices: readonly OptimizerDevice[];
  /** Devices for early stopping (default: none; then the last epoch is kept). */
  readonly validation?: readonly OptimizerDevice[];
  /** Budgets per training device, drawn as quantiles of its latencies uniform in [0.01, 0.99] (default 64). */
  readonly budgetsPerDevice?: number;
  /**
   * Log-normal jitter (sd, log units) between a training example's input
   * budget and the budget of its label, so that the network spreads its mass
   * over the optima of nearby budgets, which the feasibility check then
   * picks among (default `LABEL_JITTER`).
   */
  readonly labelJitter?: number;
  /** Hidden widths (default [256, 256]). */
  readonly hidden?: readonly number[];
  /** Maximum epochs (default 60) and epochs without validation improvement before stopping (default 10). */
  readonly epochs?: number;
  readonly patience?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  /**
   * The feasibility check's margin: a given one, `"validation"` to choose
   * it on the validation devices (the grid's margin of least regret whose
   * budget violations stay at or under `VIOLATION_TARGET`), or by default
   * `DEFAULT_MARGIN`.
   */
  readonly margin?: FeasibilityMargin | "validation";
  readonly seed?: number;
  /**
   * Differentiable terms beside the per-edge cross-entropy (default none):
   * `latency` weighs the squared excess of the expected log latency over the
   * log budget, and `accuracy` the expected accuracy (in accuracy sds, with
   * a minus sign), both under the network's per-edge softmax and a linear
   * model of the one-hot (per device for latency, fitted on its latencies).
   */
  readonly lossTerms?: { readonly latency?: number; readonly accuracy?: number };
}

/**
 * How far under the budget a candidate's calibrated predicted latency must
 * be, in log units: `constant` + `perSd` x the standard deviation of the
 * calibrated log errors on the device's own reference measurements
 * ({@link DeviceCalibration}; {@link MarginSd} for the alternative). A
 * device the model predicts badly gets a wider margin.
 */
export interface FeasibilityMargin {
  readonly constant: number;
  readonly perSd: number;
}

/**
 * The default feasibility margin: a log margin of 0.02 + 0.75 x the
 * device's reference residual sd. Chosen on HELP's 4 validation devices
 * pooled over 3 seeds (scratch, CIFAR-10, the default decoding): the margin
 * of least validation regret (0.405 points) with at most 5 % of answers over
 * budget (4.4 %). A margin chosen per seed on the same devices
 * (`margin: "validation"`) varies from seed to seed with their 76 answers:
 * on the test devices 0.260 points and 6.2 % over budget, against 0.305 and
 * 3.1 % for this one.
 */
export const DEFAULT_MARGIN: FeasibilityMargin = { constant: 0.02, perSd: 0.75 };

/**
 * Default label jitter (log sd) of `labelJitter`. Scratch, HELP's split,
 * 3 seeds, CIFAR-10: optimizer regret 0.53 points without jitter, 0.43 at
 * 0.1, 0.42 at 0.2 (with more answers over budget).
 */
export const LABEL_JITTER = 0.1;

/**
 * The network's training defaults (what `train` uses for an option not
 * given), in one place: the model cache keys on them.
 */
export const OPTIMIZER_DEFAULTS = { budgetsPerDevice: 64, hidden: [256, 256] as readonly number[], epochs: 60, patience: 10, batchSize: 256, learningRate: 1e-3, labelJitter: LABEL_JITTER, calibrationPercentiles: 19 } as const;

/**
 * How `answer` decodes by default: a beam of 256 distinct architectures,
 * then two rounds of one-edge changes of the 8 most accurate feasible
 * candidates. Scratch, HELP's split, 3 seeds, CIFAR-10, the 6 test devices
 * at margin {0.04, 0.5}: regret 0.436 points with a beam of 64 alone, 0.367
 * with one round after it, 0.321 with a beam of 256, 0.299 with 256 and one
 * round (exhaustive search on the same predictions: 0.254), at 1.7 / 2.2 /
 * 2.7 / 3.1 ms per answer; at `DEFAULT_MARGIN`, 1 / 2 / 3 rounds after the
 * beam of 256: 0.315 / 0.305 / 0.298.
 */
export const ANSWER_DEFAULTS = { beam: 256, refine: 2, refineFrom: 8 } as const;

/** Share of validation answers over budget that calibration allows. */
export const VIOLATION_TARGET = 0.05;

/**
 * The device-aware model's predictions fitted to a device's own reference
 * measurements: log measured ~ shift + scale x log predicted (least squares
 * on the references, scale kept in [0.5, 2]), and the standard deviation of
 * what is left (n - 2 degrees of freedom).
 */
export interface DeviceCalibration {
  readonly shift: number;
  readonly scale: number;
  readonly sd: number;
}

export function deviceCalibration(referenceMs: ArrayLike<number>, predRefs: ArrayLike<number>): DeviceCalibration {
  const n = predRefs.length;
  const ys = Array.from({ length: n }, (_, i) => Math.log(referenceMs[i] as number));
  const xs = Array.from(predRefs);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] as number) - my);
    sxx += (x - mx) ** 2;
  });
  const scale = sxx > 0 ? Math.min(2, Math.max(0.5, sxy / sxx)) : 1;
  const shift = my - scale * mx;
  const rss = xs.reduce((a, x, i) => a + ((ys[i] as number) - shift - scale * x) ** 2, 0);
  return { shift, scale, sd: n > 2 ? Math.sqrt(rss / (n - 2)) : 0 };
}

/** Budgets of the calibration: the 5th, 10th, ..., 95th percentiles of each validation device's latencies. */
const CALIBRATION_PERCENTILES: readonly number[] = Array.from({ length: OPTIMIZER_DEFAULTS.calibrationPercentiles }, (_, i) => (i + 1) / (OPTIMIZER_DEFAULTS.calibrationPercentiles + 1));

/** The margins calibration tries: constant 0, 0.02, ..., 0.1, 0.15, 0.2, times perSd 0..1.5 in steps of 0.25. */
export const MARGIN_GRID: readonly FeasibilityMargin[] = [0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2].flatMap((constant) => [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5].map((perSd) => ({ constant, perSd })));

/**
 * Which predictor checks an answer's candidates: `device-model`, the
 * device-aware model calibrated to the device's reference latencies;
 * `device-aware`, the `device-aware` adaptation on the same references (the
 * device model blended with the proxy adaptation of its pool; one
 * adaptation per device, kept for that device's next answers); `auto`, the
 * device model when some pool device ranks the reference architectures like
 * the device (SRCC at least `POOL_SIMILARITY_GATE`, 0.99), else the
 * adaptation, since the model is then outside the devices it learned from.
 */
export type FeasibilityCheck = "auto" | "device-model" | "device-aware";

/**
 * Which error sd scales the margin's `perSd`: `device-model` (default), the
 * device model's residual sd on the references after calibration, whichever
 * predictor checks; `checking`, the sd of the predictor that checks: that
 * residual sd, or, when the `device-aware` adaptation checks, its held-out
 * log error on the references (`heldOutLogError`), usually far smaller on a
 * device unlike the pool. `checking` answers with less regret and about as
 * many answers over budget on the devices the margin was chosen on, but more
 * over budget on the dissimilar-pool splits (docs/experiments.md), so it is
 * not the default.
 */
export type MarginSd = "checking" | "device-model";

/** What the optimizer keeps of the last device it answered for (keyed by its reference latencies). */
interface DeviceMemo {
  key: string;
  closest?: PoolSimilarity;
  logLatency?: Float64Array;
  heldOutLogError?: number | undefined;
}

/**
 * The `auto` check's gate: the least SRCC, on the reference architectures,
 * between the device and its most similar pool device for the device model
 * alone to check its answers. Chosen on the clustering-cut splits and HELP's
 * 4 validation devices, which no optimizer bar judges (docs/scaling.md).
 */
export const POOL_SIMILARITY_GATE = 0.99;

/** The pool device that ranks the reference architectures most like a device, and that SRCC. */
export interface PoolSimilarity {
  readonly device: string;
  readonly srcc: number;
}

/** One answer: an architecture, its predicted latency on the device, its accuracy. */
export interface OptimizerCandidate {
  readonly row: number;
  readonly arch: string;
  readonly predictedLatencyMs: number;
  /** The table's accuracy (NAS-Bench-201: the benchmark's trained accuracy, known for every architecture). */
  readonly accuracy: number;
  /** The network's log-probability of the architecture for this device and budget (also for answers it did not propose: refinement's and the exhaustive scan's). */
  readonly logProbability: number;
}

/** What {@link ArchitectureOptimizer.answer} returns. */
export interface OptimizerAnswer {
  /** Feasible candidates, most accurate first (at most `top`). */
  readonly answers: readonly OptimizerCandidate[];
  /** `beam`: from the network's beam; `exhaustive`: no beam candidate was feasible, so every row's prediction was scanned. */
  readonly source: "beam" | "exhaustive";
  /** Candidates checked (the beam's and the refinement's) and how many of the beam's were feasible. */
  readonly checked: number;
  readonly feasibleInBeam: number;
  /** The device's calibration (see {@link FeasibilityMargin}) and the log margin applied. */
  readonly calibration: DeviceCalibration & { readonly margin: number };
  /** The predictor that checked the candidates (`given`: the `logLatency` option's column), and the pool device most like this one on the references. */
  readonly check: "device-model" | "device-aware" | "given";
  readonly closest: PoolSimilarity;
}

/**
 * The sweep behind {@link ArchitectureOptimizer.answerPreference}: budgets,
 * and the beam and refinement rounds of each budget's answer. Chosen on
 * HELP's 4 validation devices (scratch, 3 seeds, CIFAR-10, weights 0.1..0.9):
 * mean utility regret 0.0126 in 22 ms, against 0.0123 in 45 ms with the
 * budget answers' defaults (256, 2 rounds) and 0.0140 in 17 ms with 64 and
 * none; exhaustive search on the same predictions 0.0109 in 60 ms.
 *
 * @example
 * ```ts
 * PREFERENCE_SWEEP.budgets; // 16
 * ```
 */
export const PREFERENCE_SWEEP = { budgets: 16, beam: 64, refine: 1 } as const;

/** The optimizer's answers for a preference weight, best first, each with its utility. */
export interface PreferenceAnswer {
  readonly answers: readonly (OptimizerCandidate & { readonly utility: number })[];
  readonly weight: number;
  readonly scale: PreferenceScale;
  /** The budgets swept (ms); empty for the exhaustive method. */
  readonly budgetsMs: readonly number[];
}

/** Options of {@link ArchitectureOptimizer.answer}. */
export interface AnswerOptions {
  /** Answers returned (default 5). */
  readonly top?: number;
  /** Distinct architectures in the beam (default `ANSWER_DEFAULTS.beam`). */
  readonly beam?: number;
  /**
   * Rounds of refinement after the beam (default `ANSWER_DEFAULTS.refine`;
   * 0: the beam alone): each round checks every one-edge change of the
   * `ANSWER_DEFAULTS.refineFrom` most accurate feasible candidates found so
   * far in the last round, against the same predictor and margin.
   */
  readonly refine?: number;
  /** The feasibility check's margin (default: the optimizer's). */
  readonly margin?: FeasibilityMargin;
  /** The error sd that scales the margin (default `device-model`; see {@link MarginSd}). */
  readonly marginSd?: MarginSd;
  /** `network` (default): the network's beam; `exhaustive`: every row's calibrated prediction scanned (the baseline the network saves). */
  readonly method?: "network" | "exhaustive";
  /** When no candidate of the beam is feasible: scan every row's prediction (default true), or return no answer. */
  readonly scan?: boolean;
  /** The predictor that checks candidates (default `auto`; see {@link FeasibilityCheck}); `logLatency`, when given, takes its place. */
  readonly check?: FeasibilityCheck;
  /**
   * The device's predicted log latency (ln ms) of every row from another
   * predictor, checked instead of the calibrated device model: for example
   * the `device-aware` adaptation on the same reference measurements
   * ({@link ArchitectureOptimizer.deviceAwareLogLatency}), which also reads
   * the pool's latencies. The margin is scaled by the device model's
   * residual sd on the references (this column's error is not known here);
   * measured references stay measured.
   */
  readonly logLatency?: ArrayLike<number>;
}

/** Serialised form of an {@link ArchitectureOptimizer}. */
export interface ArchitectureOptimizerJson {
  readonly kind: "architecture-optimizer";
  readonly dataset: string;
  readonly rows: number;
  readonly accuracy: string;
  readonly references: readonly number[];
  readonly devices: readonly string[];
  readonly validation: readonly string[];
  readonly seed: number;
  readonly margin: FeasibilityMargin;
  /** How the margin was chosen, and the validation regret (points) and violation share it had. */
  readonly calibration: { readonly source: "validation" | "given" | "default"; readonly regret: number | null; readonly violations: number | null };
  readonly trainMs: number;
  readonly epochs: number;
  readonly xMean: readonly number[];
  readonly xStd: readonly number[];
  readonly layers: readonly { readonly w: readonly number[]; readonly b: readonly number[]; readonly in: number; readonly out: number }[];
}

interface Layer {
  readonly w: Float32Array;
  readonly b: Float32Array;
  readonly in: number;
  readonly out: number;
}

/**
 * g(device, budget) -> NAS-Bench-201 architecture, with the device-aware
 * predictor as its feasibility check.
 *
 * @example
 * ```ts
 * const model = await deviceAwareModel(table, { pool, validation, references: refs });
 * const opt = await ArchitectureOptimizer.train(table, model, { accuracy: "cifar10", devices: pool.map((d) => ({ name: d, latency: table.latency(d) })) });
 * const lat = table.latency("pixel2");
 * opt.answer(refs.map((r) => lat[r]), 20).answers[0]; // { arch, predictedLatencyMs, accuracy, ... }
 * ```
 */
export class ArchitectureOptimizer {
  private readonly rowOf: Int32Array;
  private readonly codeOf: Int32Array;
  private readonly acc: Float64Array;
  private accRange: AccuracyRange | undefined;
  /** The context of {@link deviceAwareLogLatency}: the model's pool read from the table, built on first use. */
  private checkContext: AdaptContext | undefined;
  /** The pool devices' latencies on the references, for {@link poolSimilarity}. */
  private poolRefs: { readonly device: string; readonly ms: number[] }[] | undefined;
  /** The last device's {@link poolSimilarity} and `device-aware` column, keyed by its reference latencies: a device's answers at several budgets compute each once. */
  private lastDevice: DeviceMemo | undefined;

  private constructor(
    private readonly table: LatencyTable,
    private readonly model: DeviceAwarePredictor,
    private readonly layers: readonly Layer[],
    private readonly xMean: Float64Array,
    private readonly xStd: Float64Array,
    private meta: Omit<ArchitectureOptimizerJson, "kind" | "layers" | "xMean" | "xStd">,
  ) {
    this.acc = table.accuracy(meta.accuracy);
    // architecture code (nb201Code) -> table row, -1 when the table lacks it
    this.rowOf = new Int32Array(OPS ** EDGES).fill(-1);
    for (let code = 0; code < this.rowOf.length; code++) {
      const row = table.rowOfArch(nb201Format(nb201FromCode(code)));
      if (row !== undefined) this.rowOf[code] = row;
    }
    this.codeOf = new Int32Array(table.rows).fill(-1);
    this.rowOf.forEach((row, code) => {
      if (row >= 0) this.codeOf[row] = code;
    });
  }

  /** Accuracy column it maximises, log margin of its feasibility check, training time and epochs. */
  get accuracy(): string {
    return this.meta.accuracy;
  }
  get margin(): FeasibilityMargin {
    return this.meta.margin;
  }
  get calibration(): ArchitectureOptimizerJson["calibration"] {
    return this.meta.calibration;
  }
  get training(): { readonly ms: number; readonly epochs: number } {
    return { ms: this.meta.trainMs, epochs: this.meta.epochs };
  }
  /** The device-aware model that checks its answers (for an adaptation context: `adaptContext(table, pool, { deviceModel: opt.deviceModel })`). */
  get deviceModel(): DeviceAwarePredictor {
    return this.model;
  }

  /**
   * Every row's log latency (ln ms) on a device by the `device-aware`
   * adaptation on its reference measurements: the device model blended with
   * the proxy adaptation of the model's pool (read from the optimizer's
   * table), seeded with the optimizer's seed. The column
   * `answer(..., { logLatency })` checks for a device unlike the pool; one
   * adaptation per device (about 0.1 s), so reuse it across budgets.
   *
   * @throws {InvalidArgumentError} when the count of reference latencies is not the optimizer's
   * @throws {InvalidDataError} for a NaN, zero, negative or infinite reference latency
   * @example
   * ```ts
   * const logLatency = opt.deviceAwareLogLatency(refMs);
   * opt.answer(refMs, 20, { logLatency }).answers[0];
   * ```
   */
  deviceAwareLogLatency(referenceMs: ArrayLike<number>): Float64Array {
    return this.deviceAwareFit(referenceMs).logLatency.slice();
  }

  /** The memo of the device with these reference latencies (a new one replaces the last device's); a wrong count is a typed error. */
  private deviceMemo(referenceMs: ArrayLike<number>): DeviceMemo {
    const refs = this.meta.references;
    if (referenceMs.length !== refs.length) throw new InvalidArgumentError(`architecture optimizer: ${referenceMs.length} reference latencies; valid: one per reference architecture (${refs.length})`);
    const key = Array.from(referenceMs).join(",");
    if (this.lastDevice?.key !== key) this.lastDevice = { key };
    return this.lastDevice;
  }

  /** The `device-aware` adaptation of the last device: its log-latency column (the caller must not change it) and held-out log error, computed once per device. */
  private deviceAwareFit(referenceMs: ArrayLike<number>): { logLatency: Float64Array; heldOutLogError: number | undefined } {
    const memo = this.deviceMemo(referenceMs);
    if (memo.logLatency) return { logLatency: memo.logLatency, heldOutLogError: memo.heldOutLogError };
    const refs = this.meta.references;
    this.checkContext ??= adaptContext(this.table, this.model.pool, { deviceModel: this.model });
    const at = new Map(refs.map((r, i) => [r, referenceMs[i] as number]));
    const a = adaptTarget(this.checkContext, (r) => at.get(r) as number, { samples: refs.length, rows: refs, method: "device-aware", seed: this.meta.seed });
    memo.logLatency = a.predictions.map(Math.log);
    memo.heldOutLogError = a.heldOutLogError;
    return { logLatency: memo.logLatency, heldOutLogError: memo.heldOutLogError };
  }

  /**
   * The error sd that scales a device's margin (see {@link MarginSd}): the
   * device model's calibration residual sd `calSd`, or the adaptation's
   * held-out log error, by the check that decides.
   */
  private marginSd(referenceMs: ArrayLike<number>, check: "device-model" | "device-aware" | "given", calSd: number, rule: MarginSd): number {
    if (rule !== "checking" && rule !== "device-model") throw new InvalidArgumentError(`architecture optimizer: marginSd ${JSON.stringify(rule)}; valid: checking, device-model`);
    if (rule === "device-model" || check !== "device-aware") return calSd;
    return this.deviceAwareFit(referenceMs).heldOutLogError ?? calSd;
  }

  /**
   * The pool device whose latencies on the reference architectures rank
   * most like the device's (SRCC over the references; NaN when none can be
   * computed): how far the device is from the devices the device model
   * learned from, and the `auto` check's gate ({@link FeasibilityCheck}).
   *
   * @throws {InvalidArgumentError} when the count of reference latencies is not the optimizer's
   * @throws {InvalidDataError} for a NaN, zero, negative or infinite reference latency
   * @example
   * ```ts
   * opt.poolSimilarity(refMs); // { device: "pixel3", srcc: 0.988 }
   * ```
   */
  poolSimilarity(referenceMs: ArrayLike<number>): PoolSimilarity {
    const memo = this.deviceMemo(referenceMs);
    if (memo.closest) return memo.closest;
    const refs = this.meta.references;
    // a NaN, zero, negative or infinite latency is an error, not a pair left out of the SRCC
    referenceVector(referenceMs, "architecture optimizer");
    this.poolRefs ??= this.model.pool.map((device) => {
      const lat = this.table.latency(device);
      return { device, ms: refs.map((r) => lat[r] as number) };
    });
    const mine = Array.from(referenceMs);
    let best: PoolSimilarity = { device: (this.poolRefs[0] as { device: string }).device, srcc: Number.NaN };
    for (const p of this.poolRefs) {
      const v = spearman(p.ms, mine).value;
      if (v > best.srcc || (Number.isNaN(best.srcc) && !Number.isNaN(v))) best = { device: p.device, srcc: v };
    }
    memo.closest = best;
    return best;
  }

  /** The check a device gets (see {@link FeasibilityCheck}) and, for the adaptation, its column. */
  private resolveCheck(referenceMs: ArrayLike<number>, check: FeasibilityCheck): { check: "device-model" | "device-aware"; closest: PoolSimilarity; logLatency?: Float64Array } {
    if (check !== "auto" && check !== "device-model" && check !== "device-aware") throw new InvalidArgumentError(`architecture optimizer: check ${JSON.stringify(check)}; valid: auto, device-model, device-aware`);
    const closest = this.poolSimilarity(referenceMs);
    const adapt = check === "device-aware" || (check === "auto" && !(closest.srcc >= POOL_SIMILARITY_GATE));
    return adapt ? { check: "device-aware", closest, logLatency: this.deviceAwareFit(referenceMs).logLatency } : { check: "device-model", closest };
  }

  /**
   * Every row's latency (ms) as the feasibility check predicts it for a
   * device: the calibrated device model or the `device-aware` adaptation
   * (`check`, default `auto`, as {@link answer} picks), references as
   * measured, with the device model's calibration and the error sd that
   * scales the margin under `marginSd` (see {@link MarginSd}). What a search
   * on the same predictions searches.
   *
   * @throws {InvalidArgumentError} for a wrong count of reference latencies or an unknown check
   * @throws {InvalidDataError} for a NaN, zero, negative or infinite reference latency
   * @example
   * ```ts
   * const { latencyMs, check } = opt.checkedLatency(refMs); // check: "device-model" or "device-aware"
   * ```
   */
  checkedLatency(referenceMs: ArrayLike<number>, check: FeasibilityCheck = "auto", marginSd: MarginSd = "device-model"): { readonly latencyMs: Float64Array; readonly calibration: DeviceCalibration; readonly marginSd: number; readonly check: "device-model" | "device-aware"; readonly closest: PoolSimilarity } {
    const resolved = this.resolveCheck(referenceMs, check);
    const given = resolved.logLatency;
    if (!given) {
      const p = this.predictLatency(referenceMs);
      return { ...p, marginSd: this.marginSd(referenceMs, resolved.check, p.calibration.sd, marginSd), check: resolved.check, closest: resolved.closest };
    }
    // the adaptation's column: the device model predicts the references alone, for its calibration (whose sd scales the margin unless marginSd says otherwise)
    const refs = this.meta.references;
    const calibration = deviceCalibration(referenceMs, this.model.predictLogRows(referenceMs, [...refs]));
    const latencyMs = Float64Array.from(given, Math.exp);
    refs.forEach((r, i) => (latencyMs[r] = referenceMs[i] as number));
    return { latencyMs, calibration, marginSd: this.marginSd(referenceMs, resolved.check, calibration.sd, marginSd), check: resolved.check, closest: resolved.closest };
  }

  /**
   * Trains g on the exact optima of the training devices at
   * `budgetsPerDevice` seeded budgets each, with softmax cross-entropy per
   * edge to the optimum's operation.
   *
   * @throws {InvalidArgumentError} for a table that is not NAS-Bench-201, an unknown accuracy column, no devices, a device whose latency column does not match the table, or invalid settings
   * @throws {InvalidDataError} for a device with a missing or non-positive latency on a reference architecture
   */
  static async train(table: LatencyTable, model: DeviceAwarePredictor, options: ArchitectureOptimizerOptions): Promise<ArchitectureOptimizer> {
    if (table.space !== "nb201") throw new InvalidArgumentError(`architecture optimizer: ${table.source} is a ${table.space} table; the optimizer outputs NAS-Bench-201 cells (space nb201)`);
    if (model.rows !== table.rows) throw new InvalidArgumentError(`architecture optimizer: the device-aware model predicts ${model.rows} rows; ${table.source} has ${table.rows}`);
    const acc = table.accuracy(options.accuracy);
    if (options.devices.length === 0) throw new InvalidArgumentError("architecture optimizer: no training devices");
    const d = OPTIMIZER_DEFAULTS;
    const budgets = options.budgetsPerDevice ?? d.budgetsPerDevice;
    const hidden = options.hidden ?? d.hidden;
    const epochs = options.epochs ?? d.epochs;
    const patience = options.patience ?? d.patience;
    const batchSize = options.batchSize ?? d.batchSize;
    const lr = options.learningRate ?? d.learningRate;
    const seed = options.seed ?? 0;
    if (!Number.isInteger(budgets) || budgets < 1) throw new InvalidArgumentError(`architecture optimizer: budgetsPerDevice ${budgets} must be a positive integer`);
    if (!hidden.every((h) => Number.isInteger(h) && h > 0)) throw new InvalidArgumentError(`architecture optimizer: hidden widths ${JSON.stringify(hidden)} must be positive integers`);
    if (!Number.isInteger(epochs) || epochs < 1 || !Number.isInteger(batchSize) || batchSize < 1) throw new InvalidArgumentError("architecture optimizer: epochs and batchSize must be positive integers");
    const calibrate = options.margin === "validation";
    const given = options.margin === "validation" ? undefined : options.margin;
    if (calibrate && !options.validation?.length) throw new InvalidArgumentError('architecture optimizer: margin "validation" needs validation devices');
    if (given) checkMargin(given);
    const t0 = performance.now();
    const rng = seededRng(seed);
    const refs = model.referenceRows;
    const jitter = options.labelJitter ?? d.labelJitter;
    if (!(jitter >= 0) || !Number.isFinite(jitter)) throw new InvalidArgumentError(`architecture optimizer: labelJitter ${jitter} must be a finite sd >= 0`);
    const design = (devices: readonly OptimizerDevice[], qs: (d: number) => readonly number[], jitterSd: number) => {
      const xs: number[][] = [];
      const labels: number[][] = [];
      const device: number[] = [];
      const logBudget: number[] = [];
      devices.forEach((dev, d) => {
        if (dev.latency.length !== table.rows) throw new InvalidArgumentError(`architecture optimizer: device ${dev.name} has ${dev.latency.length} latencies; ${table.source} has ${table.rows} rows`);
        const v = referenceVector(refs.map((r) => dev.latency[r] as number), `architecture optimizer: ${dev.name} on its reference architectures (rows ${refs.join(", ")})`);
        const f = budgetFrontier(dev.latency, acc);
        const ps = qs(d);
        const bs = quantiles(dev.latency, ps);
        for (const b of bs) {
          const row = optimumUnderBudget(f, jitterSd > 0 ? b * Math.exp(jitterSd * standardNormal(rng)) : b);
          if (row < 0) continue;
          xs.push([...v.features, Math.log(b) - v.offset]);
          labels.push([...nb201Parse(table.archAt(row))]);
          device.push(d);
          logBudget.push(Math.log(b));
        }
      });
      return { xs, labels, device, logBudget };
    };
    const train = design(options.devices, () => Array.from({ length: budgets }, () => 0.01 + 0.98 * rng.next()), jitter);
    const val = options.validation?.length ? design(options.validation, () => Array.from({ length: 19 }, (_, i) => (i + 1) / 20), 0) : undefined;
    const p = (train.xs[0] as number[]).length;
    const xMean = new Float64Array(p);
    const xStd = new Float64Array(p);
    // one rule for every column (stats/zscore: no variance keeps scale 1), as the latency MLP's
    for (let j = 0; j < p; j++) {
      const z = standardise(train.xs.map((x) => x[j] as number));
      xMean[j] = z.mean;
      xStd[j] = z.sd;
    }
    const pack = (part: { xs: number[][]; labels: number[][] }) => {
      const x = new Float32Array(part.xs.length * p);
      const y = new Float32Array(part.xs.length * EDGES * OPS);
      part.xs.forEach((row, i) => {
        row.forEach((v, j) => (x[i * p + j] = (v - (xMean[j] as number)) / (xStd[j] as number)));
        (part.labels[i] as number[]).forEach((op, e) => (y[(i * EDGES + e) * OPS + op] = 1));
      });
      return { x, y, n: part.xs.length };
    };
    const trainData = pack(train);
    const valData = val ? pack(val) : undefined;
    const terms = { latency: options.lossTerms?.latency ?? 0, accuracy: options.lossTerms?.accuracy ?? 0 };
    if (!(terms.latency >= 0 && terms.accuracy >= 0 && Number.isFinite(terms.latency) && Number.isFinite(terms.accuracy))) throw new InvalidArgumentError(`architecture optimizer: lossTerms ${JSON.stringify(options.lossTerms)}; valid: finite weights >= 0`);
    const extra = terms.latency > 0 || terms.accuracy > 0 ? expectedTermData(table, acc, options.devices, train) : undefined;
    const sizes = [p, ...hidden, EDGES * OPS];
    const init: Layer[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l] as number;
      const fanOut = sizes[l + 1] as number;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      init.push({ w: Float32Array.from({ length: fanIn * fanOut }, () => (rng.next() * 2 - 1) * limit), b: new Float32Array(fanOut), in: fanIn, out: fanOut });
    }
    await initBackend();
    const tf = tfjs();
    const vars = init.flatMap((L) => [tf.tidy(() => tf.variable(tf.tensor2d(L.w, [L.in, L.out]))), tf.tidy(() => tf.variable(tf.tensor1d(L.b)))]);
    const forward = (input: TF.Tensor2D): TF.Tensor2D => {
      let h = input;
      for (let l = 0; l < init.length; l++) {
        h = tf.add(tf.matMul(h, vars[2 * l] as TF.Variable), vars[2 * l + 1] as TF.Variable) as TF.Tensor2D;
        if (l + 1 < init.length) h = tf.relu(h);
      }
      return h;
    };
    const loss = (x: TF.Tensor2D, y: TF.Tensor2D) => tf.losses.softmaxCrossEntropy(y.reshape([-1, OPS]), forward(x).reshape([-1, OPS])) as TF.Scalar;
    // cross-entropy plus the expected-latency and expected-accuracy terms, on a batch of training rows
    const trainLoss = (x: TF.Tensor2D, y: TF.Tensor2D, ids: TF.Tensor1D): TF.Scalar => {
      const logits = forward(x);
      const ce = tf.losses.softmaxCrossEntropy(y.reshape([-1, OPS]), logits.reshape([-1, OPS])) as TF.Scalar;
      if (!extra || !latW || !latC || !accW) return ce;
      const probs = tf.softmax(logits.reshape([-1, EDGES, OPS])).reshape([-1, EDGES * OPS]);
      let total: TF.Tensor = ce;
      if (terms.latency > 0) {
        const excess = tf.add(tf.sum(tf.mul(probs, tf.gather(latW, ids)), 1), tf.gather(latC, ids));
        total = tf.add(total, tf.mul(terms.latency, tf.mean(tf.square(tf.relu(excess)))));
      }
      if (terms.accuracy > 0) total = tf.sub(total, tf.mul(terms.accuracy, tf.mean(tf.sum(tf.mul(probs, accW), 1))));
      return total as TF.Scalar;
    };
    const optimizer = tf.train.adam(lr);
    const snapshot = () => vars.map((v) => v.dataSync().slice() as Float32Array);
    let best = { loss: Number.POSITIVE_INFINITY, weights: snapshot() };
    let sinceBest = 0;
    let ran = 0;
    const xTrain = tf.tensor2d(trainData.x, [trainData.n, p]);
    const yTrain = tf.tensor2d(trainData.y, [trainData.n, EDGES * OPS]);
    const xVal = valData ? tf.tensor2d(valData.x, [valData.n, p]) : undefined;
    const latW = extra ? tf.tensor2d(extra.latencyWeights, [trainData.n, EDGES * OPS]) : undefined;
    const latC = extra ? tf.tensor1d(extra.latencyOffsets) : undefined;
    const accW = extra ? tf.tensor2d(extra.accuracyWeights, [1, EDGES * OPS]) : undefined;
    const yVal = valData ? tf.tensor2d(valData.y, [valData.n, EDGES * OPS]) : undefined;
    try {
      const order = Array.from({ length: trainData.n }, (_, i) => i);
      for (let epoch = 0; epoch < epochs; epoch++) {
        ran++;
        const perm = shuffled(rng, order);
        for (let s = 0; s < perm.length; s += batchSize) {
          tf.tidy(() => {
            const ids = tf.tensor1d(perm.slice(s, s + batchSize), "int32");
            const xb = tf.gather(xTrain, ids) as TF.Tensor2D;
            const yb = tf.gather(yTrain, ids) as TF.Tensor2D;
            optimizer.minimize(() => trainLoss(xb, yb, ids), false, vars);
          });
        }
        if (xVal && yVal) {
          const vl = tf.tidy(() => loss(xVal, yVal).dataSync()[0] as number);
          if (vl < best.loss - 1e-6) {
            best = { loss: vl, weights: snapshot() };
            sinceBest = 0;
          } else if (++sinceBest >= patience) break;
        }
      }
      if (!xVal) best = { loss: Number.NaN, weights: snapshot() };
    } finally {
      for (const t of [xTrain, yTrain, xVal, yVal, latW, latC, accW, ...vars]) t?.dispose();
      optimizer.dispose();
    }
    const layers = init.map((L, l) => ({ w: best.weights[2 * l] as Float32Array, b: best.weights[2 * l + 1] as Float32Array, in: L.in, out: L.out }));
    const opt = new ArchitectureOptimizer(table, model, layers, xMean, xStd, {
      dataset: table.source,
      rows: table.rows,
      accuracy: options.accuracy,
      references: [...refs],
      devices: options.devices.map((d) => d.name),
      validation: (options.validation ?? []).map((d) => d.name),
      seed,
      margin: given ?? DEFAULT_MARGIN,
      calibration: { source: given ? "given" : "default", regret: null, violations: null },
      trainMs: 0,
      epochs: ran,
    });
    if (calibrate && options.validation?.length) {
      // every margin of the grid on the validation devices at 19 budgets each; least regret with violations <= target
      const scored = MARGIN_GRID.map((m) => ({ m, ...opt.judge(options.validation as readonly OptimizerDevice[], m) }));
      const ok = scored.filter((x) => x.violations <= VIOLATION_TARGET);
      const pick = ok.length ? ok.reduce((a, b) => (b.regret < a.regret ? b : a)) : scored.reduce((a, b) => (b.violations < a.violations ? b : a));
      opt.meta = { ...opt.meta, margin: pick.m, calibration: { source: "validation", regret: pick.regret, violations: pick.violations } };
    }
    opt.meta = { ...opt.meta, trainMs: performance.now() - t0 };
    return opt;
  }

  /**
   * Mean regret (accuracy points, against the exact optimum under the true
   * latency; an answer over budget counts its shortfall, never a gain) and
   * share of answers over budget, on devices with every latency known, at
   * the 10th..90th percentiles of each device's latencies.
   */
  private judge(devices: readonly OptimizerDevice[], margin: FeasibilityMargin): { regret: number; violations: number } {
    let regret = 0;
    let over = 0;
    let n = 0;
    for (const dev of devices) {
      const f = budgetFrontier(dev.latency, this.acc);
      const refMs = this.meta.references.map((r) => dev.latency[r] as number);
      for (const b of quantiles(dev.latency, CALIBRATION_PERCENTILES)) {
        const best = this.acc[optimumUnderBudget(f, b)] as number;
        let pick: OptimizerCandidate | undefined;
        try {
          pick = this.answer(refMs, b, { margin, top: 1 }).answers[0];
        } catch (e) {
          // a budget below every prediction with this margin: no answer (counted as the whole best accuracy lost)
          if (!(e instanceof BudgetBelowFastestError)) throw e;
        }
        n++;
        if (!pick) {
          regret += best;
          continue;
        }
        regret += Math.max(0, best - pick.accuracy);
        if ((dev.latency[pick.row] as number) > b) over++;
      }
    }
    return { regret: regret / n, violations: over / n };
  }

  /**
   * The network's 6 x 5 logits (edge-major) for a device and budget.
   *
   * @throws {InvalidArgumentError} for the wrong number of reference latencies or a budget that is not a positive finite number
   * @throws {InvalidDataError} for a NaN, zero, negative or infinite reference latency
   */
  logits(referenceMs: ArrayLike<number>, budgetMs: number): Float64Array {
    const refs = this.meta.references;
    if (referenceMs.length !== refs.length) throw new InvalidArgumentError(`architecture optimizer: ${referenceMs.length} reference latencies; it takes ${refs.length}, one per reference architecture`);
    if (!(budgetMs > 0) || !Number.isFinite(budgetMs)) throw new InvalidArgumentError(`architecture optimizer: budget ${budgetMs} ms; valid: a finite latency > 0 ms`);
    const v = referenceVector(referenceMs, "architecture optimizer");
    const input = [...v.features, Math.log(budgetMs) - v.offset];
    let h = Float64Array.from(input, (x, j) => (x - (this.xMean[j] as number)) / (this.xStd[j] as number));
    this.layers.forEach((L, l) => {
      const out = Float64Array.from(L.b);
      for (let i = 0; i < L.in; i++) {
        const x = h[i] as number;
        if (x === 0) continue;
        for (let o = 0; o < L.out; o++) out[o] = (out[o] as number) + x * (L.w[i * L.out + o] as number);
      }
      if (l + 1 < this.layers.length) for (let o = 0; o < out.length; o++) out[o] = Math.max(0, out[o] as number);
      h = out;
    });
    return h;
  }

  /**
   * The most accurate architectures for a device (its latencies on the
   * reference architectures, in order) within a budget: the network's beam of
   * `beam` distinct architectures, each checked against the device-aware
   * predictor; when none is predicted within the budget, every row's
   * prediction is scanned instead.
   *
   * @throws {InvalidArgumentError} for a budget below the fastest architecture's predicted latency (named), or invalid options
   * @throws {InvalidDataError} for a NaN, zero, negative or infinite reference latency
   */
  answer(referenceMs: ArrayLike<number>, budgetMs: number, options: AnswerOptions = {}): OptimizerAnswer {
    const top = options.top ?? 5;
    const width = options.beam ?? ANSWER_DEFAULTS.beam;
    const rounds = options.refine ?? ANSWER_DEFAULTS.refine;
    const margin = options.margin ?? this.meta.margin;
    const method = options.method ?? "network";
    if (!Number.isInteger(top) || top < 1 || !Number.isInteger(width) || width < 1) throw new InvalidArgumentError(`architecture optimizer: top ${top} and beam ${width} must be positive integers`);
    if (!Number.isInteger(rounds) || rounds < 0) throw new InvalidArgumentError(`architecture optimizer: refine ${rounds}; valid: an integer >= 0 (rounds of one-edge changes after the beam)`);
    if (method !== "network" && method !== "exhaustive") throw new InvalidArgumentError(`architecture optimizer: method ${String(method)}; valid: network, exhaustive`);
    checkMargin(margin);
    if (options.logLatency !== undefined) checkLogLatency(options.logLatency, this.table.rows);
    const logits = this.logits(referenceMs, budgetMs);
    const refs = this.meta.references;
    const resolved = options.logLatency !== undefined ? { check: "given" as const, closest: this.poolSimilarity(referenceMs), logLatency: options.logLatency } : this.resolveCheck(referenceMs, options.check ?? "auto");
    const checkedBy = { check: resolved.check, closest: resolved.closest };
    const logp = logSoftmaxPerEdge(logits);
    const beam = method === "network" ? beamOf(logp, width).map((c) => ({ ...c, row: this.rowOf[c.code] as number })).filter((c) => c.row >= 0) : [];
    // one call: the references (the device's calibration) and the beam
    // with a given log-latency column the device model predicts the references alone (its calibration; marginSd says whose sd scales the margin)
    const given = resolved.logLatency;
    const pred = this.model.predictLogRows(referenceMs, given ? [...refs] : [...refs, ...beam.map((c) => c.row)]);
    const cal = deviceCalibration(referenceMs, pred.subarray(0, refs.length));
    const logMargin = margin.constant + margin.perSd * this.marginSd(referenceMs, resolved.check, cal.sd, options.marginSd ?? "device-model");
    const calibration = { ...cal, margin: logMargin };
    const limit = Math.log(budgetMs) - logMargin;
    const measured = new Map(refs.map((r, i) => [r, referenceMs[i] as number]));
    // the checked log latency: the given or adapted column, else the device model's calibrated to the references
    const logOf = given ? (row: number) => given[row] as number : (_row: number, logPred: number) => cal.shift + cal.scale * logPred;
    // a reference architecture's latency is measured, not predicted
    const latencyOf = (row: number, logPred: number) => measured.get(row) ?? Math.exp(logOf(row, logPred));
    const fits = (row: number, logPred: number) => (measured.has(row) ? (measured.get(row) as number) <= budgetMs : logOf(row, logPred) <= limit);
    const feasible: OptimizerCandidate[] = [];
    beam.forEach((c, i) => {
      const lp = given ? Number.NaN : (pred[refs.length + i] as number);
      const acc = this.acc[c.row] as number;
      if (fits(c.row, lp) && !Number.isNaN(acc)) feasible.push({ row: c.row, arch: this.table.archAt(c.row), predictedLatencyMs: latencyOf(c.row, lp), accuracy: acc, logProbability: c.score });
    });
    const order = (a: OptimizerCandidate, b: OptimizerCandidate) => b.accuracy - a.accuracy || a.predictedLatencyMs - b.predictedLatencyMs || a.row - b.row;
    const feasibleInBeam = feasible.length;
    let checked = beam.length;
    if (feasible.length) {
      // refinement: one-edge changes of the most accurate feasible candidates of the last round, checked in one call per round
      const seen = new Set(beam.map((c) => c.row));
      let from = [...feasible].sort(order).slice(0, ANSWER_DEFAULTS.refineFrom);
      for (let k = 0; k < rounds && from.length; k++) {
        const rows: number[] = [];
        for (const c of from) {
          for (const q of this.neighbours(c.row)) {
            if (seen.has(q) || Number.isNaN(this.acc[q] as number)) continue;
            seen.add(q);
            rows.push(q);
          }
        }
        if (!rows.length) break;
        const lps = given ? undefined : this.model.predictLogRows(referenceMs, rows);
        checked += rows.length;
        const found: OptimizerCandidate[] = [];
        rows.forEach((q, i) => {
          const lp = lps ? (lps[i] as number) : Number.NaN;
          if (fits(q, lp)) found.push({ row: q, arch: this.table.archAt(q), predictedLatencyMs: latencyOf(q, lp), accuracy: this.acc[q] as number, logProbability: logProbabilityOf(logp, this.codeOf[q] as number) });
        });
        feasible.push(...found);
        from = found.sort(order).slice(0, ANSWER_DEFAULTS.refineFrom);
      }
      return { answers: feasible.sort(order).slice(0, top), source: "beam", checked, feasibleInBeam, calibration, ...checkedBy };
    }
    if (options.scan === false && method === "network") return { answers: [], source: "beam", checked, feasibleInBeam: 0, calibration, ...checkedBy };
    const all = given ?? this.model.predictLog(referenceMs);
    const rows: OptimizerCandidate[] = [];
    let fastest = Number.POSITIVE_INFINITY;
    for (let r = 0; r < all.length; r++) {
      const lp = all[r] as number;
      fastest = Math.min(fastest, latencyOf(r, lp) * (measured.has(r) ? 1 : Math.exp(logMargin)));
      if (fits(r, lp) && !Number.isNaN(this.acc[r] as number)) rows.push({ row: r, arch: this.table.archAt(r), predictedLatencyMs: latencyOf(r, lp), accuracy: this.acc[r] as number, logProbability: Number.NaN });
    }
    if (!rows.length) throw new BudgetBelowFastestError(`architecture optimizer: budget ${budgetMs} ms is below the fastest architecture's predicted latency on this device, ${fastest.toPrecision(4)} ms (with the feasibility margin); give a larger budget`);
    const answers = rows.sort(order).slice(0, top).map((c) => ({ ...c, logProbability: logProbabilityOf(logp, this.codeOf[c.row] as number) }));
    return { answers, source: "exhaustive", checked, feasibleInBeam: 0, calibration, ...checkedBy };
  }

  /**
   * The architectures of highest utility for a preference weight between
   * accuracy (1) and latency (0) instead of a budget (see `preference.ts`):
   * {@link answer} at `budgets` budgets spaced geometrically from e times
   * below the device's fastest reference latency to 20 % above its slowest,
   * the top 3 of each pooled and ranked by utility under their checked
   * predicted latency. `method: "exhaustive"` ranks every row's calibrated prediction
   * instead (the search baseline).
   *
   * @throws {InvalidArgumentError} for a weight outside [0, 1], a budget count below 2, or when no budget of the sweep has a feasible answer
   * @throws {InvalidDataError} for a NaN, zero, negative or infinite reference latency
   */
  answerPreference(referenceMs: ArrayLike<number>, weight: number, options: { top?: number; budgets?: number; method?: "network" | "exhaustive" } = {}): PreferenceAnswer {
    checkPreferenceWeight(weight);
    const top = options.top ?? 5;
    const count = options.budgets ?? PREFERENCE_SWEEP.budgets;
    if (!Number.isInteger(count) || count < 2) throw new InvalidArgumentError(`architecture optimizer: budgets ${count}; valid: an integer >= 2`);
    if (!Number.isInteger(top) || top < 1) throw new InvalidArgumentError(`architecture optimizer: top ${top} must be a positive integer`);
    // the accuracy column's median and best: sorted once per optimizer, not per answer
    this.accRange ??= accuracyRange(this.acc);
    const scale = preferenceScale(this.accRange, referenceMs);
    const score = (c: OptimizerCandidate) => ({ ...c, utility: preferenceUtility(c.predictedLatencyMs, c.accuracy, weight, scale) });
    const order = (a: { utility: number; predictedLatencyMs: number; row: number }, b: { utility: number; predictedLatencyMs: number; row: number }) => b.utility - a.utility || a.predictedLatencyMs - b.predictedLatencyMs || a.row - b.row;
    if (options.method === "exhaustive") {
      // the same predictions as the network's answers are checked with
      const { latencyMs } = this.checkedLatency(referenceMs);
      const all: (OptimizerCandidate & { utility: number })[] = [];
      latencyMs.forEach((l, r) => {
        const a = this.acc[r] as number;
        if (!Number.isNaN(a)) all.push({ row: r, arch: this.table.archAt(r), predictedLatencyMs: l, accuracy: a, logProbability: Number.NaN, utility: preferenceUtility(l, a, weight, scale) });
      });
      return { answers: all.sort(order).slice(0, top), weight, scale, budgetsMs: [] };
    }
    const lo = scale.logLatLo - 1;
    const hi = scale.logLatHi + Math.log(1.2);
    const budgetsMs = Array.from({ length: count }, (_, i) => Math.exp(lo + ((hi - lo) * i) / (count - 1)));
    const found = new Map<number, OptimizerCandidate & { utility: number }>();
    for (const b of budgetsMs) {
      // a budget whose beam holds nothing feasible adds nothing (no scan of every row)
      for (const c of this.answer(referenceMs, b, { top: 3, scan: false, beam: PREFERENCE_SWEEP.beam, refine: PREFERENCE_SWEEP.refine }).answers) if (!found.has(c.row)) found.set(c.row, score(c));
    }
    if (found.size === 0) throw new InvalidArgumentError(`architecture optimizer: no budget from ${(budgetsMs[0] as number).toPrecision(3)} to ${(budgetsMs[count - 1] as number).toPrecision(3)} ms has a feasible answer on this device`);
    return { answers: [...found.values()].sort(order).slice(0, top), weight, scale, budgetsMs };
  }

  /** The table rows one edge's operation away from a row's architecture. */
  private neighbours(row: number): number[] {
    const code = this.codeOf[row] as number;
    const out: number[] = [];
    for (let e = 0, place = 1; e < EDGES; e++, place *= OPS) {
      const digit = Math.floor(code / place) % OPS;
      for (let o = 0; o < OPS; o++) {
        if (o === digit) continue;
        const q = this.rowOf[code + (o - digit) * place] as number;
        if (q >= 0) out.push(q);
      }
    }
    return out;
  }

  /**
   * Every row's predicted latency (ms) on a device, calibrated to its
   * reference measurements as the feasibility check sees them (the
   * references themselves: measured), and the calibration.
   *
   * @throws {InvalidArgumentError} for the wrong number of reference latencies
   * @throws {InvalidDataError} for a NaN, zero, negative or infinite reference latency
   */
  predictLatency(referenceMs: ArrayLike<number>): { readonly latencyMs: Float64Array; readonly calibration: DeviceCalibration } {
    const refs = this.meta.references;
    const all = this.model.predictLog(referenceMs);
    const calibration = deviceCalibration(referenceMs, refs.map((r) => all[r] as number));
    const latencyMs = all.map((lp) => Math.exp(calibration.shift + calibration.scale * lp));
    refs.forEach((r, i) => (latencyMs[r] = referenceMs[i] as number));
    return { latencyMs, calibration };
  }

  toJSON(): ArchitectureOptimizerJson {
    return { kind: "architecture-optimizer", ...this.meta, xMean: Array.from(this.xMean), xStd: Array.from(this.xStd), layers: this.layers.map((L) => ({ w: Array.from(L.w), b: Array.from(L.b), in: L.in, out: L.out })) };
  }

  /**
   * Restores an optimizer from {@link ArchitectureOptimizer.toJSON} for its table and device-aware model.
   *
   * @throws {InvalidDataError} when the JSON is not an optimizer, or belongs to another table, accuracy column or reference set
   */
  static fromJSON(json: unknown, table: LatencyTable, model: DeviceAwarePredictor): ArchitectureOptimizer {
    const j = json as Partial<ArchitectureOptimizerJson>;
    if (j?.kind !== "architecture-optimizer" || !Array.isArray(j.layers) || !Array.isArray(j.references) || !Array.isArray(j.xMean) || !Array.isArray(j.xStd)) throw new InvalidDataError('architecture optimizer: not a serialised optimizer (expected kind "architecture-optimizer", layers, references, xMean, xStd)');
    if (j.dataset !== table.source || j.rows !== table.rows) throw new InvalidDataError(`architecture optimizer: trained on ${j.dataset} (${j.rows} rows); this table is ${table.source} (${table.rows} rows)`);
    if (JSON.stringify(j.references) !== JSON.stringify(model.referenceRows)) throw new InvalidDataError(`architecture optimizer: trained with reference rows ${j.references.join(", ")}; the device-aware model uses ${model.referenceRows.join(", ")}`);
    const layers = j.layers.map((L, l) => {
      if (L.w.length !== L.in * L.out || L.b.length !== L.out) throw new InvalidDataError(`architecture optimizer: layer ${l} has ${L.w.length} weights and ${L.b.length} biases, expected ${L.in * L.out} and ${L.out}`);
      return { w: Float32Array.from(L.w), b: Float32Array.from(L.b), in: L.in, out: L.out };
    });
    const { kind: _k, layers: _l, xMean, xStd, ...meta } = j as ArchitectureOptimizerJson;
    return new ArchitectureOptimizer(table, model, layers, Float64Array.from(xMean), Float64Array.from(xStd), meta);
  }
}

function checkMargin(m: FeasibilityMargin): void {
  if (!(m.constant >= 0) || !(m.perSd >= 0) || !Number.isFinite(m.constant) || !Number.isFinite(m.perSd)) throw new InvalidArgumentError(`architecture optimizer: margin ${JSON.stringify(m)}; valid: finite constant >= 0 and perSd >= 0 (log units)`);
}

/** A given log-latency column: one finite value per row of the table. */
function checkLogLatency(v: ArrayLike<number>, rows: number): void {
  if (v.length !== rows) throw new InvalidArgumentError(`architecture optimizer: logLatency has ${v.length} values; valid: one per row of the table (${rows})`);
  for (let r = 0; r < rows; r++) {
    if (!Number.isFinite(v[r] as number)) throw new InvalidArgumentError(`architecture optimizer: logLatency at row ${r} is ${String(v[r])}; valid: a finite log latency (ln ms)`);
  }
}

/**
 * A budget below the fastest architecture's predicted latency on the device
 * (with the margin): an argument error, told apart from the others so that
 * evaluations can count it as "no answer".
 */
export class BudgetBelowFastestError extends InvalidArgumentError {}

/** Log-softmax of each edge's 5 logits. */
function logSoftmaxPerEdge(logits: Float64Array): Float64Array {
  const out = new Float64Array(logits.length);
  for (let e = 0; e < EDGES; e++) {
    let m = Number.NEGATIVE_INFINITY;
    for (let o = 0; o < OPS; o++) m = Math.max(m, logits[e * OPS + o] as number);
    let s = 0;
    for (let o = 0; o < OPS; o++) s += Math.exp((logits[e * OPS + o] as number) - m);
    const lse = m + Math.log(s);
    for (let o = 0; o < OPS; o++) out[e * OPS + o] = (logits[e * OPS + o] as number) - lse;
  }
  return out;
}

/** An architecture code's log-probability under per-edge log-probabilities (edge 0 the code's most significant digit, as in `beamOf`). */
function logProbabilityOf(logp: Float64Array, code: number): number {
  let score = 0;
  for (let e = EDGES - 1, c = code; e >= 0; e--, c = Math.floor(c / OPS)) score += logp[e * OPS + (c % OPS)] as number;
  return score;
}

/**
 * The `width` most probable architectures under independent per-edge
 * choices, best first: a beam over the edges, exact because the score is a
 * sum of per-edge terms (a top-`width` sequence extends a top-`width` prefix).
 */
function beamOf(logp: Float64Array, width: number): { code: number; score: number }[] {
  let beam = [{ code: 0, score: 0 }];
  for (let e = 0; e < EDGES; e++) {
    const next: { code: number; score: number }[] = [];
    for (const b of beam) for (let o = 0; o < OPS; o++) next.push({ code: b.code * OPS + o, score: b.score + (logp[e * OPS + o] as number) });
    next.sort((a, b) => b.score - a.score || a.code - b.code);
    beam = next.slice(0, width);
  }
  return beam;
}

/**
 * The linear models behind the optimizer's expected-latency and
 * expected-accuracy loss terms: per training example, its device's log
 * latency as intercept + one-hot x weights (ridge on every row of the
 * device), stored as the weights and the intercept minus the log budget, so
 * that probabilities . weights + offset is the expected log latency's excess
 * over the budget; and one model of the accuracy, in accuracy sds.
 */
function expectedTermData(table: LatencyTable, acc: Float64Array, devices: readonly OptimizerDevice[], train: { device: readonly number[]; logBudget: readonly number[] }): { latencyWeights: Float32Array; latencyOffsets: Float32Array; accuracyWeights: Float32Array } {
  const k = EDGES * OPS;
  const onehot = new Float64Array(table.rows * k);
  for (let r = 0; r < table.rows; r++) nb201Parse(table.archAt(r)).forEach((op, e) => (onehot[r * k + e * OPS + op] = 1));
  const fit = (rows: number[], y: (r: number) => number) => {
    const x = new Float64Array(rows.length * k);
    rows.forEach((r, i) => x.set(onehot.subarray(r * k, (r + 1) * k), i * k));
    return ridgeFit({ rows: rows.length, cols: k, data: x }, Float64Array.from(rows, y), new Float64Array(k).fill(1e-3)).model;
  };
  const all = Array.from({ length: table.rows }, (_, r) => r);
  const models = devices.map((dev) => fit(all.filter((r) => (dev.latency[r] as number) > 0), (r) => Math.log(dev.latency[r] as number)));
  const withAcc = all.filter((r) => !Number.isNaN(acc[r] as number));
  const accModel = fit(withAcc, (r) => acc[r] as number);
  const accSd = standardise(withAcc.map((r) => acc[r] as number)).sd;
  const n = train.device.length;
  const latencyWeights = new Float32Array(n * k);
  const latencyOffsets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const m = models[train.device[i] as number] as { intercept: number; weights: Float64Array };
    latencyWeights.set(m.weights, i * k);
    latencyOffsets[i] = m.intercept - (train.logBudget[i] as number);
  }
  return { latencyWeights, latencyOffsets, accuracyWeights: Float32Array.from(accModel.weights, (w) => w / accSd) };
}
