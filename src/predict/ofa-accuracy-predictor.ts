/**
 * Once-for-All's published MobileNetV3 accuracy predictor (ImageNet top-1),
 * run in TypeScript: Linear 128-400-400-400-1 with ReLU on
 * {@link ofaAccuracyFeatures}, weights from `ofa-accuracy-predictor`. The
 * network outputs a fraction; this class returns percent.
 */
import { InvalidDataError } from "../errors.js";
import type { Tensor } from "../io/torch.js";
import { ofaAccuracyFeatures, ofaParse, type OfaArch } from "../spaces/ofa.js";

interface Layer {
  /** The weights input-major ([cols, rows]: torch's [rows, cols] transposed), so one input's terms are contiguous. */
  readonly wt: Float64Array;
  readonly b: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

const LAYERS = ["0", "2", "4", "6"] as const;

/**
 * The input resolutions the predictor was trained at (OFA's tutorial,
 * `image_size_list`). Its resolution feature is one bucket per 16 pixels, so
 * it also takes 128..156, but there it rates subnets as accurate as at 224
 * (HELP's 5,000 subnets: 78.0-81.7 % at 128 against 78.8-82.7 % at 224): a
 * search over those resolutions exploits an extrapolation.
 */
export const OFA_ACCURACY_RESOLUTIONS: readonly number[] = [160, 176, 192, 208, 224];

/**
 * The Once-for-All accuracy predictor.
 *
 * @example
 * ```ts
 * const acc = OfaAccuracyPredictor.create(await loadOfaAccuracyPredictorWeights());
 * acc.predict([ofaSample(seededRng(0))]); // ImageNet top-1 (%)
 * ```
 */
export class OfaAccuracyPredictor {
  private constructor(private readonly layers: readonly Layer[]) {}

  /**
   * From the state dict of `acc_predictor.pth` (see `loadOfaAccuracyPredictorWeights`).
   *
   * @throws {InvalidDataError} naming a missing tensor or a wrong shape
   * @example
   * ```ts
   * const acc = OfaAccuracyPredictor.create(await loadOfaAccuracyPredictorWeights());
   * acc.predict([ofaNormalize({ ks: Array(20).fill(7), e: Array(20).fill(6), d: [4, 4, 4, 4, 4], r: 224 })]); // [83.59...]
   * ```
   */
  static create(weights: Readonly<Record<string, Tensor>>): OfaAccuracyPredictor {
    let inputs = 128;
    const layers = LAYERS.map((l, i) => {
      const w = weights[`${l}.weight`];
      const b = weights[`${l}.bias`];
      const out = i === LAYERS.length - 1 ? 1 : 400;
      if (!w || w.shape.join("x") !== `${out}x${inputs}`) throw new InvalidDataError(`OfaAccuracyPredictor: ${l}.weight is ${w ? `[${w.shape}]` : "missing"}, expected [${out}, ${inputs}]`);
      if (!b || b.shape.join("x") !== `${out}`) throw new InvalidDataError(`OfaAccuracyPredictor: ${l}.bias is ${b ? `[${b.shape}]` : "missing"}, expected [${out}]`);
      const wt = new Float64Array(out * inputs);
      for (let o = 0; o < out; o++) for (let c = 0; c < inputs; c++) wt[c * out + o] = w.data[o * inputs + c] as number;
      const layer = { wt, b: Float64Array.from(b.data as Float32Array), rows: out, cols: inputs };
      inputs = out;
      return layer;
    });
    return new OfaAccuracyPredictor(layers);
  }

  /**
   * Predicted ImageNet top-1 accuracy (%) of each subnet.
   *
   * @throws {InvalidArgumentError} for a string that is not a subnet
   */
  predict(archs: readonly (OfaArch | string)[]): Float64Array {
    const out = new Float64Array(archs.length);
    const width = Math.max(...this.layers.map((l) => Math.max(l.rows, l.cols)));
    // Only the nonzero inputs are summed (the features are one-hot, the hidden units ReLU), input by input over
    // the transposed weights: every output still adds its terms in input order, so the sums are the dense loop's to the last bit.
    const index = new Int32Array(width);
    const value = new Float64Array(width);
    const h = new Float64Array(width);
    const last = this.layers.length - 1;
    archs.forEach((a, k) => {
      let x: Float64Array = ofaAccuracyFeatures(typeof a === "string" ? ofaParse(a) : a);
      this.layers.forEach((layer, li) => {
        let nz = 0;
        for (let i = 0; i < layer.cols; i++) {
          const v = x[i] as number;
          if (v !== 0) {
            index[nz] = i;
            value[nz++] = v;
          }
        }
        // x has been read into index/value: the outputs may overwrite it
        const rows = layer.rows;
        h.set(layer.b);
        const wt = layer.wt;
        for (let j = 0; j < nz; j++) {
          const v = value[j] as number;
          const base = (index[j] as number) * rows;
          for (let o = 0; o < rows; o++) h[o] = (h[o] as number) + (wt[base + o] as number) * v;
        }
        if (li === last) out[k] = (h[0] as number) * 100;
        else {
          for (let o = 0; o < rows; o++) if (!((h[o] as number) > 0)) h[o] = 0;
          x = h.subarray(0, rows);
        }
      });
    });
    return out;
  }
}
