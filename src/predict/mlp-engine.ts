/**
 * What an MLP training engine does, whatever runs it: the epoch loop, early
 * stopping and the seeded batch order live in the predictor
 * (mlp-predictor.ts); an engine holds the weights and the Adam state and runs
 * the arithmetic. Two engines: `simd` (hand-written WebAssembly SIMD kernels,
 * mlp-simd-engine.ts) and `tfjs` (TensorFlow.js, mlp-tfjs-engine.ts).
 */

/** One dense layer's weights: `w` is `in x out`, row-major. */
export interface MlpLayer {
  readonly w: Float32Array;
  readonly b: Float32Array;
  readonly in: number;
  readonly out: number;
}

/** Standardised training data, row-major. */
export interface MlpData {
  readonly xs: Float32Array;
  readonly ys: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** Settings shared by the engines. */
export interface MlpEngineSettings {
  readonly batchSize: number;
  readonly learningRate: number;
}

/** Adam's constants (those of tf.train.adam with the float32 epsilon). */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

/** A training engine: owns copies of the weights and its optimiser state until disposed. */
export interface MlpEngine {
  /** Engine name as recorded with the predictor (e.g. `simd`, `tfjs-wasm`). */
  readonly name: string;
  /**
   * One epoch of Adam steps over the training rows in the order `perm`, in
   * consecutive batches; returns the summed squared error of the batches'
   * predictions before each step.
   */
  epoch(perm: Int32Array): Promise<number>;
  /** Mean squared error on the validation rows (NaN without validation rows). */
  validationLoss(): Promise<number>;
  /** Copies of the current weights. */
  weights(): Promise<MlpLayer[]>;
  dispose(): void;
}
