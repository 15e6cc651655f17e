/**
 * A latency predictor that is linear in operator features (ridge, so the
 * rank-deficient one-hot encoding stays well-conditioned: no huge weights).
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError, InvalidDataError } from "../errors.js";
import { NB201_FEATURE_SETS, nb201FeatureMatrix, type Nb201FeatureSet } from "./nb201-features.js";
import { ridgeFit, ridgePredict, takeRows, type RidgeModel } from "./ridge.js";

/** The serialised form of a {@link LinearLatencyPredictor}. */
export interface LinearPredictorJson {
  readonly kind: "linear";
  readonly space: "nb201";
  readonly features: Nb201FeatureSet;
  readonly intercept: number;
  readonly weights: readonly number[];
  readonly device: string;
  readonly rows: number;
}

/** Default ridge penalty: small, only to make the one-hot system well-posed. */
export const LINEAR_DEFAULT_PENALTY = 1e-3;

/**
 * Linear latency predictor on NAS-Bench-201 operator features.
 *
 * @example
 * ```ts
 * const help = await loadTable("help-nb201");
 * const p = LinearLatencyPredictor.fit(help, "pixel3", { features: "onehot+live" });
 * p.predict(help.archs().slice(0, 3)); // ms
 * LinearLatencyPredictor.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
 * ```
 */
export class LinearLatencyPredictor {
  private constructor(
    readonly model: RidgeModel,
    readonly features: Nb201FeatureSet,
    readonly device: string,
    readonly rows: number,
  ) {}

  /**
   * Fits on a device's valid latencies (all rows, or the given ones).
   *
   * @throws {InvalidArgumentError} for a table of another space
   * @throws {InvalidDataError} when fewer than 2 rows have a latency
   * @example
   * ```ts
   * const p = LinearLatencyPredictor.fit(help, "pixel3");
   * p.predict(help.archs());
   * ```
   */
  static fit(table: LatencyTable, device: string, options: { features?: Nb201FeatureSet; penalty?: number; rows?: readonly number[] } = {}): LinearLatencyPredictor {
    if (table.space !== "nb201") throw new InvalidArgumentError(`LinearLatencyPredictor: only NAS-Bench-201 tables are supported, got ${table.space}`);
    const lat = table.latencyView(device);
    const rows = (options.rows ?? Array.from({ length: table.rows }, (_, i) => i)).filter((r) => !Number.isNaN(lat[r] as number));
    if (rows.length < 2) throw new InvalidDataError(`LinearLatencyPredictor: device ${device} has ${rows.length} valid rows; need at least 2`);
    const features = options.features ?? "onehot+live";
    const x = takeRows(nb201FeatureMatrix(table.archs(), features), rows);
    const penalty = new Float64Array(x.cols).fill(options.penalty ?? LINEAR_DEFAULT_PENALTY);
    const { model } = ridgeFit(x, rows.map((r) => lat[r] as number), penalty);
    return new LinearLatencyPredictor(model, features, device, rows.length);
  }

  /** Predicted latency (ms) of each architecture (canonical NAS-Bench-201 strings). */
  predict(archs: readonly string[]): Float64Array {
    return ridgePredict(this.model, nb201FeatureMatrix(archs, this.features));
  }

  toJSON(): LinearPredictorJson {
    return { kind: "linear", space: "nb201", features: this.features, intercept: this.model.intercept, weights: Array.from(this.model.weights), device: this.device, rows: this.rows };
  }

  /**
   * Restores a predictor from {@link toJSON}'s output.
   *
   * @throws {InvalidDataError} when the JSON is not a linear predictor
   */
  static fromJSON(json: unknown): LinearLatencyPredictor {
    const j = (typeof json === "object" && json !== null ? json : {}) as Partial<LinearPredictorJson>;
    const features = NB201_FEATURE_SETS.includes(j.features as Nb201FeatureSet) ? (j.features as Nb201FeatureSet) : undefined;
    const n = features === "onehot+live" ? 60 : 30;
    if (j.kind !== "linear" || j.space !== "nb201" || features === undefined || !Array.isArray(j.weights) || j.weights.length !== n || !j.weights.every(Number.isFinite) || !Number.isFinite(j.intercept)) {
      const got = json === null ? "null" : Array.isArray(json) ? "an array" : typeof json !== "object" ? typeof json : `kind ${JSON.stringify(j.kind)}, space ${JSON.stringify(j.space)}, features ${JSON.stringify(j.features)}, ${Array.isArray(j.weights) ? j.weights.length : "no"} weights`;
      throw new InvalidDataError(`LinearLatencyPredictor.fromJSON: not a serialised linear predictor (got ${got}; expected kind "linear", space "nb201", features ${NB201_FEATURE_SETS.join(" | ")}, 30 finite weights (60 for onehot+live) and a finite intercept)`);
    }
    return new LinearLatencyPredictor({ intercept: j.intercept as number, weights: Float64Array.from(j.weights) }, features, j.device ?? "", j.rows ?? 0);
  }
}
