import { seededRng } from "../../src/random.js";

/** n points with latency in 5..35 ms and an accuracy that grows with it, with scatter: a realistic trade-off. */
export function cloud(n: number, seed: number): { lat: Float64Array; acc: Float64Array } {
  const rng = seededRng(seed);
  const lat = new Float64Array(n);
  const acc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lat[i] = 5 + 30 * rng.next();
    acc[i] = 80 + (10 * Math.log(lat[i] as number)) / Math.log(35) + 3 * rng.next();
  }
  return { lat, acc };
}
