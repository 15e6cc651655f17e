/**
 * A multilayer-perceptron latency predictor on TensorFlow.js (the wasm
 * backend by default), trained with Adam and early stopping on a validation
 * split. Every random step is seeded (weight init, validation split, batch
 * order), so the same seed on the same backend gives the same weights. The
 * fitted predictor keeps its weights as plain arrays: it holds no tensors, and
 * fitting and predicting leave the tfjs tensor count unchanged.
 */
import { InvalidArgumentError } from "../errors.js";
import { seededRng } from "../random.js";
import { initBackend, tfjs, type BackendRequest } from "../runtime/backend.js";
import type { Matrix } from "./ridge.js";

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
  readonly seed?: number;
  /** tfjs backend (default: keep the active one; evaluations pin "wasm"). */
  readonly backend?: BackendRequest;
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
  readonly backend: string;
}

interface Layer {
  readonly w: Float32Array;
  readonly b: Float32Array;
  readonly in: number;
  readonly out: number;
}

/** MLP latency predictor. */
export class MlpLatencyPredictor {
  private constructor(
    private readonly layers: readonly Layer[],
    private readonly xMean: Float64Array,
    private readonly xStd: Float64Array,
    private readonly yMean: number,
    private readonly yStd: number,
    /** The tfjs backend it was trained on. */
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
    const report = await initBackend(options.backend);
    const tf = tfjs();
    const rng = seededRng(options.seed ?? 0);
    const p = x.cols;
    // standardisation (features with no variance keep scale 1)
    const xMean = new Float64Array(p);
    const xStd = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let m = 0;
      for (let i = 0; i < x.rows; i++) m += x.data[i * p + j] as number;
      m /= x.rows;
      let ss = 0;
      for (let i = 0; i < x.rows; i++) ss += ((x.data[i * p + j] as number) - m) ** 2;
      xMean[j] = m;
      xStd[j] = Math.sqrt(ss / x.rows) || 1;
    }
    let yMean = 0;
    for (let i = 0; i < y.length; i++) yMean += y[i] as number;
    yMean /= y.length;
    let yss = 0;
    for (let i = 0; i < y.length; i++) yss += ((y[i] as number) - yMean) ** 2;
    const yStd = Math.sqrt(yss / y.length) || 1;
    // seeded split
    const order = Array.from({ length: x.rows }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const nVal = valShare > 0 ? Math.max(1, Math.round(valShare * x.rows)) : 0;
    const valRows = order.slice(0, nVal);
    const trainRows = order.slice(nVal);
    const pack = (rows: readonly number[]) => {
      const xs = new Float32Array(rows.length * p);
      const ys = new Float32Array(rows.length);
      rows.forEach((r, k) => {
        for (let j = 0; j < p; j++) xs[k * p + j] = ((x.data[r * p + j] as number) - (xMean[j] as number)) / (xStd[j] as number);
        ys[k] = ((y[r] as number) - yMean) / yStd;
      });
      return { xs, ys };
    };
    // seeded Glorot-uniform init
    const sizes = [p, ...hidden, 1];
    const init: Layer[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l] as number;
      const fanOut = sizes[l + 1] as number;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      init.push({ w: Float32Array.from({ length: fanIn * fanOut }, () => (rng.next() * 2 - 1) * limit), b: new Float32Array(fanOut), in: fanIn, out: fanOut });
    }
    const train = pack(trainRows);
    const val = pack(valRows);
    const xTrain = tf.tensor2d(train.xs, [trainRows.length, p]);
    const yTrain = tf.tensor2d(train.ys, [trainRows.length, 1]);
    const xVal = nVal ? tf.tensor2d(val.xs, [nVal, p]) : undefined;
    const yVal = nVal ? tf.tensor2d(val.ys, [nVal, 1]) : undefined;
    // tf.variable copies its input: create the inputs inside tidy so they are freed
    const vars = init.flatMap((L) => [tf.tidy(() => tf.variable(tf.tensor2d(L.w, [L.in, L.out]))), tf.tidy(() => tf.variable(tf.tensor1d(L.b)))]);
    const optimizer = tf.train.adam(lr);
    const forward = (input: import("@tensorflow/tfjs").Tensor2D) => {
      let h = input;
      for (let l = 0; l < init.length; l++) {
        h = tf.add(tf.matMul(h, vars[2 * l] as import("@tensorflow/tfjs").Variable), vars[2 * l + 1] as import("@tensorflow/tfjs").Variable) as import("@tensorflow/tfjs").Tensor2D;
        if (l + 1 < init.length) h = tf.relu(h);
      }
      return h;
    };
    const history: EpochLog[] = [];
    let best = { loss: Number.POSITIVE_INFINITY, weights: init.map((L) => ({ ...L })) };
    let sinceBest = 0;
    try {
      for (let epoch = 0; epoch < epochs; epoch++) {
        const perm = Array.from({ length: trainRows.length }, (_, i) => i);
        for (let i = perm.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
        }
        // one shuffled copy per epoch, then contiguous slices: no per-batch gather,
        // and the loss is summed on the backend and read once per epoch (no per-step sync)
        const ids = tf.tensor1d(perm, "int32");
        const xs = tf.gather(xTrain, ids) as import("@tensorflow/tfjs").Tensor2D;
        const ys = tf.gather(yTrain, ids) as import("@tensorflow/tfjs").Tensor2D;
        ids.dispose();
        let lossSum = tf.scalar(0);
        for (let start = 0; start < perm.length; start += batchSize) {
          const size = Math.min(batchSize, perm.length - start);
          const next = tf.tidy(() => {
            const xb = tf.slice(xs, [start, 0], [size, p]);
            const yb = tf.slice(ys, [start, 0], [size, 1]);
            const loss = optimizer.minimize(() => tf.losses.meanSquaredError(yb, forward(xb)) as import("@tensorflow/tfjs").Scalar, true, vars) as import("@tensorflow/tfjs").Scalar;
            return tf.add(lossSum, tf.mul(loss, size));
          });
          lossSum.dispose();
          lossSum = next as import("@tensorflow/tfjs").Scalar;
        }
        const epochLoss = (await lossSum.data())[0] as number;
        lossSum.dispose();
        xs.dispose();
        ys.dispose();
        let valLoss = Number.NaN;
        if (xVal && yVal) {
          const vl = tf.tidy(() => tf.losses.meanSquaredError(yVal, forward(xVal)));
          valLoss = (await vl.data())[0] as number;
          vl.dispose();
        }
        history.push({ epoch, trainLoss: epochLoss / perm.length, validationLoss: valLoss });
        const score = xVal ? valLoss : epochLoss / perm.length;
        if (score < best.loss - 1e-7) {
          best = { loss: score, weights: await Promise.all(init.map(async (L, l) => ({ ...L, w: (await (vars[2 * l] as import("@tensorflow/tfjs").Variable).data()) as Float32Array, b: (await (vars[2 * l + 1] as import("@tensorflow/tfjs").Variable).data()) as Float32Array }))) };
          sinceBest = 0;
        } else if (xVal && ++sinceBest >= patience) break;
      }
    } finally {
      for (const v of vars) v.dispose();
      optimizer.dispose();
      for (const t of [xTrain, yTrain, xVal, yVal]) t?.dispose();
    }
    return new MlpLatencyPredictor(best.weights, xMean, xStd, yMean, yStd, report.backend, history);
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
