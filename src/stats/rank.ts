/**
 * Ranks with ties given their average rank (1-based), the rule Spearman's
 * correlation and scipy's `rankdata(method="average")` use. NaN values are
 * not ranked: their rank is NaN, and the others are ranked among themselves.
 */
import { argsortFloat64 } from "./argsort.js";

/**
 * Average ranks of the valid values.
 *
 * @example
 * ```ts
 * averageRanks([10, 20, 20, NaN, 5]); // Float64Array [2, 3.5, 3.5, NaN, 1]
 * ```
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(Number.NaN);
  let m = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i] as number)) m++;
  const idx = new Uint32Array(m);
  const v = new Float64Array(m);
  for (let i = 0, k = 0; i < n; i++) {
    const x = values[i] as number;
    if (!Number.isNaN(x)) {
      idx[k] = i;
      v[k++] = x;
    }
  }
  const perm = argsortFloat64(v);
  let k = 0;
  while (k < perm.length) {
    let j = k;
    const x = v[perm[k] as number] as number;
    while (j + 1 < perm.length && v[perm[j + 1] as number] === x) j++;
    const r = (k + j) / 2 + 1;
    for (let t = k; t <= j; t++) out[idx[perm[t] as number] as number] = r;
    k = j + 1;
  }
  return out;
}
