/**
 * Standardisation: (v - mean) / sd with the population sd; a constant sample
 * keeps scale 1 (its values all become 0), never a division by zero. The
 * one rule for every standardisation in proxynas.
 */

/** A standardised sample with the mean and scale that undo it (`v = y * sd + mean`). */
export interface Standardised {
  readonly y: Float64Array;
  readonly mean: number;
  readonly sd: number;
}

/**
 * Standardises a sample and returns the mean and scale used.
 *
 * @example
 * ```ts
 * standardise([1, 2, 3]); // { y: Float64Array [-1.2247, 0, 1.2247], mean: 2, sd: 0.8165 }
 * ```
 */
export function standardise(values: ArrayLike<number>): Standardised {
  const n = values.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += values[i] as number;
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - m) ** 2;
  const s = Math.sqrt(ss / n) || 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ((values[i] as number) - m) / s;
  return { y: out, mean: m, sd: s };
}

/**
 * The standardised values alone.
 *
 * @example
 * ```ts
 * zscore([1, 2, 3]); // Float64Array [-1.2247, 0, 1.2247]
 * ```
 */
export function zscore(values: ArrayLike<number>): Float64Array {
  return standardise(values).y;
}
