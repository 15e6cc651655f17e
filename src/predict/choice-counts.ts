/**
 * Choice counts: a slot-major one-hot summed over its slots.
 */
import { InvalidArgumentError } from "../errors.js";
import type { Matrix } from "./ridge.js";

/**
 * Sums a slot-major one-hot (slot s, choice c at column s * choices + c) over
 * the slots: how often each choice occurs. Columns past slots * choices (such
 * as Once-for-All's resolution column) are not counted.
 *
 * @example
 * ```ts
 * choiceCounts(nb201FeatureMatrix(archs, "onehot"), 6, 5); // n x 5: edges per operation
 * ```
 */
export function choiceCounts(onehot: Matrix, slots: number, choices: number): Matrix {
  if (slots * choices > onehot.cols) throw new InvalidArgumentError(`choiceCounts: ${slots} slots x ${choices} choices need ${slots * choices} columns, the matrix has ${onehot.cols}`);
  const data = new Float64Array(onehot.rows * choices);
  for (let i = 0; i < onehot.rows; i++) {
    for (let s = 0; s < slots; s++) {
      for (let c = 0; c < choices; c++) data[i * choices + c] = (data[i * choices + c] as number) + (onehot.data[i * onehot.cols + s * choices + c] as number);
    }
  }
  return { rows: onehot.rows, cols: choices, data };
}
