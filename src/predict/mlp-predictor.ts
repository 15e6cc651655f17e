/**
 * A multilayer-perceptron latency predictor, trained with Adam and early
 * stopping on a validation split, by one of two engines: `simd` (default;
 * hand-written WebAssembly SIMD kernels, mlp-simd-engine.ts) or `tfjs`
 * (TensorFlow.js on the active backend, wasm by default). Both run the same
 * epoch loop here: the same seeded initialisation, validation split and batch
 * order, and the same Adam. Every random step is seeded, so the same seed on
 * the same engine gives the same weights. The fitted predictor keeps its
 * weights as plain arrays: it holds no tensors, and fitting and predicting
 * leave the tfjs tensor count unchanged.
 */
import { InvalidArgumentError, oneOf } from "../errors.js";
import { seededRng, shuffled } from "../random.js";
import { standardise } from "../stats/zscore.js";
import { initBackend, tfjs, type BackendRequest } from "../runtime/backend.js";
import type { MlpData, MlpEngine, MlpLayer } from "./mlp-engine.js";
import { simdEngine, simdSupported } from "./mlp-simd-engine.js";
import { tfjsEngine } from "./mlp-tfjs-engine.js";
import type { Matrix } from "./ridge.js";

/** The training engines. */
export type MlpEngineName = "simd" | "tfjs";
/**
 * The MLP's training engines: `simd` (hand-written WebAssembly SIMD kernels, the default) and `tfjs`.
 *
 * @example
 * ```ts
 * MlpLatencyPredictor.fit(x, y, { engine: MLP_ENGINES[1] }); // train on TensorFlow.js
 * ```
 */
export const MLP_ENGINES: readonly MlpEngineName[] = ["simd", "tfjs"];

/** Options of {@link MlpLatencyPredictor.fit}. */
export interface MlpOptions {
  /** Hidden layer widths (default [64, 64]), ReLU. */
  readonly hidden?: readonly number[];
  /** Maximum epochs (default 50). */
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  /** Share of rows held out for early stopping (default 0.1; 0 disables early stopping). */
  readonly validation?: number;
  /** Epochs without validation improvement before stopping (default 10). */
  readonly patience?: number;
  /**
   * The rows held out for early stopping, instead of a random `validation`
   * share (e.g. every row of some devices, so that stopping judges unseen
   * devices); the others train.
   */
  readonly validationRows?: readonly number[];
  /**
   * Fine-tune: start from this predictor's weights and keep its
   * standardisation (its hidden widths must match, and so must the features).
   */
  readonly from?: MlpLatencyPredictor;
  readonly seed?: number;
  /** tfjs backend (default: keep the active one; evaluations pin "wasm"); used by prediction, and by training with engine "tfjs". */
  readonly backend?: BackendRequest;
  /** Training engine (default "simd" where WebAssembly SIMD runs, else "tfjs"). */
  readonly engine?: MlpEngineName;
}

/** One epoch of training. */
export interface EpochLog {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validationLoss: number;
}

/** Serialised form. */
export interface MlpPredictorJson {
  readonly kind: "mlp";
  readonly hidden: readonly number[];
  readonly inputs: number;
  readonly layers: readonly { readonly w: readonly number[]; readonly b: readonly number[] }[];
  readonly xMean: readonly number[];
  readonly xStd: readonly number[];
  readonly yMean: number;
  readonly yStd: number;
  /** The engine that trained it (`simd`, or `tfjs-<backend>`). */
  readonly backend: string;
}

type Layer = MlpLayer;

/**
 * MLP latency predictor.
 *
 * @example
 * ```ts
 * const x = nb201FeatureMatrix(help.archs(), "onehot");
 * const mlp = await MlpLatencyPredictor.fit(x, Array.from(help.latency("raspi4")), { epochs: 50, seed: 0 });
 * mlp.predict(x);
 * ```
 */
export class MlpLatencyPredictor {
  private constructor(
    private readonly layers: readonly Layer[],
    private readonly xMean: Float64Array,
    private readonly xStd: Float64Array,
    private readonly yMean: number,
    private readonly yStd: number,
    /** The engine that trained it: `simd`, or `tfjs-<backend>` (e.g. `tfjs-wasm`). */
    readonly backend: string,
    /** Training and validation loss per epoch (standardised units). */
    readonly history: readonly EpochLog[],
  ) {}

  /**
   * Trains on rows of features and their latencies.
   *
   * @throws {InvalidArgumentError} for mismatched sizes, fewer than 4 rows, or invalid options
   * @example
   * ```ts
   * const p = await MlpLatencyPredictor.fit(nb201FeatureMatrix(archs), latencies, { seed: 1, backend: "wasm" });
   * p.predict(nb201FeatureMatrix(archs));
   * ```
   */
  static async fit(x: Matrix, y: ArrayLike<number>, options: MlpOptions = {}): Promise<MlpLatencyPredictor> {
    if (y.length !== x.rows) throw new InvalidArgumentError(`MlpLatencyPredictor.fit: ${x.rows} rows but ${y.length} latencies`);
    if (x.rows < 4) throw new InvalidArgumentError(`MlpLatencyPredictor.fit: needs at least 4 rows, got ${x.rows}`);
    const hidden = options.hidden ?? [64, 64];
    const epochs = options.epochs ?? 50;
    const batchSize = options.batchSize ?? 256;
    const lr = options.learningRate ?? 1e-3;
    const valShare = options.validation ?? 0.1;
    const patience = options.patience ?? 10;
    if (!hidden.every((h) => Number.isInteger(h) && h > 0)) throw new InvalidArgumentError(`MlpLatencyPredictor.fit: hidden widths ${JSON.stringify(hidden)} must be positive integers`);
    if (!(valShare >= 0 && valShare < 0.9)) throw new InvalidArgumentError(`MlpLatencyPredictor.fit: validation ${valShare} must be in [0, 0.9)`);
    if (!Number.isInteger(epochs) || epochs < 1 || !Number.isInteger(batchSize) || batchSize < 1) throw new InvalidArgumentError("MlpLatencyPredictor.fit: epochs and batchSize must be positive integers");
    const engineName = options.engine === undefined ? (simdSupported() ? "simd" : "tfjs") : oneOf("engine", options.engine, MLP_ENGINES);
    const report = await initBackend(options.backend);
    const rng = seededRng(options.seed ?? 0);
    const p = x.cols;
    const from = options.from;
    if (from && (from.inputs !== p || JSON.stringify(from.hidden) !== JSON.stringify(hidden))) {
      throw new InvalidArgumentError(`MlpLatencyPredictor.fit: from is a ${from.inputs}-${from.hidden.join("-")}-1 network; these features and widths make ${p}-${hidden.join("-")}-1`);
    }
    // standardisation, one rule for every column and the target (stats/zscore: no variance keeps scale 1); a fine-tune keeps its model's
    const xMean = from ? from.xMean.slice() : new Float64Array(p);
    const xStd = from ? from.xStd.slice() : new Float64Array(p);
    if (!from) {
      const column = new Float64Array(x.rows);
      for (let j = 0; j < p; j++) {
        for (let i = 0; i < x.rows; i++) column[i] = x.data[i * p + j] as number;
        const s = standardise(column);
        xMean[j] = s.mean;
        xStd[j] = s.sd;
      }
    }
    const { mean: yMean, sd: yStd } = from ? { mean: from.yMean, sd: from.yStd } : standardise(y);
    // seeded split, or the rows given for validation
    let valRows: number[];
    let trainRows: number[];
    if (options.validationRows) {
      const held = new Set(options.validationRows);
      if (held.size === 0 || held.size >= x.rows || [...held].some((r) => !Number.isInteger(r) || r < 0 || r >= x.rows)) {
        throw new InvalidArgumentError(`MlpLatencyPredictor.fit: validationRows must be distinct rows in 0..${x.rows - 1}, some but not all`);
      }
      valRows = [...held];
      trainRows = shuffled(rng, Array.from({ length: x.rows }, (_, i) => i).filter((r) => !held.has(r)));
    } else {
      const order = shuffled(rng, Array.from({ length: x.rows }, (_, i) => i));
      const n = valShare > 0 ? Math.max(1, Math.round(valShare * x.rows)) : 0;
      valRows = order.slice(0, n);
      trainRows = order.slice(n);
    }
    const nVal = valRows.length;
    const pack = (rows: readonly number[]) => {
      const xs = new Float32Array(rows.length * p);
      const ys = new Float32Array(rows.length);
      rows.forEach((r, k) => {
        for (let j = 0; j < p; j++) xs[k * p + j] = ((x.data[r * p + j] as number) - (xMean[j] as number)) / (xStd[j] as number);
        ys[k] = ((y[r] as number) - yMean) / yStd;
      });
      return { xs, ys };
    };
    // seeded Glorot-uniform init, or the model being fine-tuned
    const sizes = [p, ...hidden, 1];
    const init: Layer[] = from ? from.layers.map((L) => ({ w: L.w.slice(), b: L.b.slice(), in: L.in, out: L.out })) : [];
    for (let l = 0; !from && l + 1 < sizes.length; l++) {
      const fanIn = sizes[l] as number;
      const fanOut = sizes[l + 1] as number;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      init.push({ w: Float32Array.from({ length: fanIn * fanOut }, () => (rng.next() * 2 - 1) * limit), b: new Float32Array(fanOut), in: fanIn, out: fanOut });
    }
    const train: MlpData = { ...pack(trainRows), rows: trainRows.length, cols: p };
    const val: MlpData = { ...pack(valRows), rows: nVal, cols: p };
    const settings = { batchSize, learningRate: lr };
    const engine: MlpEngine = engineName === "simd" ? simdEngine(init, train, nVal ? val : undefined, settings) : tfjsEngine(init, train, nVal ? val : undefined, settings);
    const history: EpochLog[] = [];
    let best = { loss: Number.POSITIVE_INFINITY, weights: init };
    let sinceBest = 0;
    try {
      const perm = new Int32Array(trainRows.length);
      for (let epoch = 0; epoch < epochs; epoch++) {
        for (let i = 0; i < perm.length; i++) perm[i] = i;
        for (let i = perm.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
        }
        const trainLoss = (await engine.epoch(perm)) / perm.length;
        const valLoss = nVal ? await engine.validationLoss() : Number.NaN;
        history.push({ epoch, trainLoss, validationLoss: valLoss });
        const score = nVal ? valLoss : trainLoss;
        if (score < best.loss - 1e-7) {
          best = { loss: score, weights: await engine.weights() };
          sinceBest = 0;
        } else if (nVal && ++sinceBest >= patience) break;
      }
    } finally {
      engine.dispose();
    }
    return new MlpLatencyPredictor(best.weights, xMean, xStd, yMean, yStd, engineName === "simd" ? "simd" : `tfjs-${report.backend}`, history);
  }

  /** Number of input features. */
  get inputs(): number {
    return (this.layers[0] as Layer).in;
  }

  /** Hidden layer widths. */
  get hidden(): number[] {
    return this.layers.slice(0, -1).map((L) => L.out);
  }

  /**
   * Predicted latency (ms) for each row of features.
   *
   * @throws {InvalidArgumentError} when the feature count differs from training
   */
  predict(x: Matrix): Float64Array {
    const first = this.layers[0] as Layer;
    if (x.cols !== first.in) throw new InvalidArgumentError(`MlpLatencyPredictor.predict: ${x.cols} features, trained on ${first.in}`);
    const tf = tfjs();
    const out = tf.tidy(() => {
      const xs = new Float32Array(x.rows * x.cols);
      for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) xs[i * x.cols + j] = ((x.data[i * x.cols + j] as number) - (this.xMean[j] as number)) / (this.xStd[j] as number);
      let h: import("@tensorflow/tfjs").Tensor2D = tf.tensor2d(xs, [x.rows, x.cols]);
      this.layers.forEach((L, l) => {
        h = tf.add(tf.matMul(h, tf.tensor2d(L.w, [L.in, L.out])), tf.tensor1d(L.b)) as import("@tensorflow/tfjs").Tensor2D;
        if (l + 1 < this.layers.length) h = tf.relu(h);
      });
      return h.dataSync();
    });
    return Float64Array.from(out, (v) => v * this.yStd + this.yMean);
  }

  toJSON(): MlpPredictorJson {
    return {
      kind: "mlp",
      hidden: this.layers.slice(0, -1).map((L) => L.out),
      inputs: (this.layers[0] as Layer).in,
      layers: this.layers.map((L) => ({ w: Array.from(L.w), b: Array.from(L.b) })),
      xMean: Array.from(this.xMean),
      xStd: Array.from(this.xStd),
      yMean: this.yMean,
      yStd: this.yStd,
      backend: this.backend,
    };
  }

  /**
   * Restores a predictor from {@link toJSON}'s output.
   *
   * @throws {InvalidArgumentError} when the JSON is not a serialised MLP
   */
  static fromJSON(json: unknown): MlpLatencyPredictor {
    const j = json as Partial<MlpPredictorJson>;
    if (j?.kind !== "mlp" || !Array.isArray(j.layers) || !Array.isArray(j.hidden) || typeof j.inputs !== "number") throw new InvalidArgumentError('MlpLatencyPredictor.fromJSON: not a serialised MLP (expected kind "mlp", layers, hidden, inputs)');
    const sizes = [j.inputs, ...j.hidden, 1];
    const layers = j.layers.map((L, l) => {
      const inp = sizes[l] as number;
      const out = sizes[l + 1] as number;
      if (L.w.length !== inp * out || L.b.length !== out) throw new InvalidArgumentError(`MlpLatencyPredictor.fromJSON: layer ${l} has ${L.w.length} weights and ${L.b.length} biases, expected ${inp * out} and ${out}`);
      return { w: Float32Array.from(L.w), b: Float32Array.from(L.b), in: inp, out };
    });
    return new MlpLatencyPredictor(layers, Float64Array.from(j.xMean ?? []), Float64Array.from(j.xStd ?? []), j.yMean ?? 0, j.yStd ?? 1, j.backend ?? "unknown", []);
  }
}
