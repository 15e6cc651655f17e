/**
 * Standardisation: (v - mean) / sd with the population sd; a constant sample
 * keeps scale 1 (its values all become 0), never a division by zero.
 *
 * @example
 * ```ts
 * zscore([1, 2, 3]); // Float64Array [-1.2247, 0, 1.2247]
 * ```
 */
export function zscore(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += values[i] as number;
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - m) ** 2;
  const s = Math.sqrt(ss / n) || 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ((values[i] as number) - m) / s;
  return out;
}
