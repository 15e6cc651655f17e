/**
 * Power iteration: the dominant eigenvector of a symmetric positive
 * semi-definite operator, given as its product with a vector. Deterministic:
 * it starts from the uniform unit vector and runs a fixed number of steps.
 */

/** The dominant eigenvector (unit norm) and the norm of the last product, which converges to the dominant eigenvalue. */
export interface PowerIteration {
  readonly vector: Float64Array;
  readonly value: number;
}

/**
 * Runs `iterations` steps of v <- A v / |A v| from the uniform unit vector.
 *
 * @param apply - the product A v (a new array; it may be modified)
 * @example
 * ```ts
 * // A = [[2, 0], [0, 1]]
 * powerIteration((v) => Float64Array.of(2 * v[0], v[1]), 2, 50); // { vector: ≈ [1, 0], value: ≈ 2 }
 * ```
 */
export function powerIteration(apply: (v: Float64Array) => Float64Array, dim: number, iterations: number): PowerIteration {
  let v: Float64Array = new Float64Array(dim).fill(1 / Math.sqrt(dim));
  let value = 0;
  for (let it = 0; it < iterations; it++) {
    const w = apply(v);
    value = Math.hypot(...w);
    const scale = value || 1;
    for (let i = 0; i < dim; i++) w[i] = (w[i] as number) / scale;
    v = w;
  }
  return { vector: v, value };
}
