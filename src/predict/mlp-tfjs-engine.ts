/**
 * MLP training on TensorFlow.js (the active backend): the graph built with
 * tf ops, gradients by tf's autodiff, tf.train.adam. Holds its tensors until
 * disposed; the predictor disposes it, so fitting leaves the tensor count
 * unchanged.
 */
import type * as TF from "@tensorflow/tfjs";
import { tfjs } from "../runtime/backend.js";
import type { MlpData, MlpEngine, MlpEngineSettings, MlpLayer } from "./mlp-engine.js";

/**
 * Starts the TensorFlow.js engine on a copy of `init`, on the active backend
 * (the engine's name records it, e.g. `tfjs-wasm`).
 */
export function tfjsEngine(init: readonly MlpLayer[], train: MlpData, val: MlpData | undefined, settings: MlpEngineSettings): MlpEngine {
  const tf = tfjs();
  const p = train.cols;
  const xTrain = tf.tensor2d(train.xs, [train.rows, p]);
  const yTrain = tf.tensor2d(train.ys, [train.rows, 1]);
  const xVal = val && val.rows ? tf.tensor2d(val.xs, [val.rows, p]) : undefined;
  const yVal = val && val.rows ? tf.tensor2d(val.ys, [val.rows, 1]) : undefined;
  // tf.variable copies its input: create the inputs inside tidy so they are freed
  const vars = init.flatMap((L) => [tf.tidy(() => tf.variable(tf.tensor2d(L.w, [L.in, L.out]))), tf.tidy(() => tf.variable(tf.tensor1d(L.b)))]);
  const optimizer = tf.train.adam(settings.learningRate);
  const forward = (input: TF.Tensor2D) => {
    let h = input;
    for (let l = 0; l < init.length; l++) {
      h = tf.add(tf.matMul(h, vars[2 * l] as TF.Variable), vars[2 * l + 1] as TF.Variable) as TF.Tensor2D;
      if (l + 1 < init.length) h = tf.relu(h);
    }
    return h;
  };
  return {
    name: `tfjs-${tf.getBackend()}`,
    async epoch(perm: Int32Array): Promise<number> {
      // one shuffled copy per epoch, then contiguous slices: no per-batch gather,
      // and the loss is summed on the backend and read once per epoch (no per-step sync)
      const ids = tf.tensor1d(perm, "int32");
      const xs = tf.gather(xTrain, ids) as TF.Tensor2D;
      const ys = tf.gather(yTrain, ids) as TF.Tensor2D;
      ids.dispose();
      let lossSum = tf.scalar(0);
      try {
        for (let start = 0; start < perm.length; start += settings.batchSize) {
          const size = Math.min(settings.batchSize, perm.length - start);
          const next = tf.tidy(() => {
            const xb = tf.slice(xs, [start, 0], [size, p]);
            const yb = tf.slice(ys, [start, 0], [size, 1]);
            const loss = optimizer.minimize(() => tf.losses.meanSquaredError(yb, forward(xb)) as TF.Scalar, true, vars) as TF.Scalar;
            return tf.add(lossSum, tf.mul(loss, size));
          });
          lossSum.dispose();
          lossSum = next as TF.Scalar;
        }
        return (await lossSum.data())[0] as number;
      } finally {
        lossSum.dispose();
        xs.dispose();
        ys.dispose();
      }
    },
    async validationLoss(): Promise<number> {
      if (!xVal || !yVal) return Number.NaN;
      const vl = tf.tidy(() => tf.losses.meanSquaredError(yVal, forward(xVal)));
      try {
        return (await vl.data())[0] as number;
      } finally {
        vl.dispose();
      }
    },
    async weights(): Promise<MlpLayer[]> {
      return Promise.all(init.map(async (L, l) => ({ in: L.in, out: L.out, w: (await (vars[2 * l] as TF.Variable).data()) as Float32Array, b: (await (vars[2 * l + 1] as TF.Variable).data()) as Float32Array })));
    },
    dispose() {
      for (const v of vars) v.dispose();
      optimizer.dispose();
      for (const t of [xTrain, yTrain, xVal, yVal]) t?.dispose();
    },
  };
}
