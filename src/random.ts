/**
 * Seeded randomness. Every random step in proxynas takes an {@link Rng}; the
 * same seed gives the same sequence, bit for bit, on every platform.
 */
import { InvalidArgumentError } from "./errors.js";

/** A source of uniform random numbers. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
}

/**
 * A seeded generator (sfc32 seeded through splitmix32; 32-bit state words, so
 * results are identical across JavaScript engines).
 *
 * @param seed - an integer (any 32-bit value)
 * @throws {InvalidArgumentError} when the seed is not an integer
 * @example
 * ```ts
 * const rng = seededRng(42);
 * rng.int(10); // same value on every run
 * ```
 */
export function seededRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new InvalidArgumentError(`seededRng: seed ${seed} is not an integer`);
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const u32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();
  return {
    next: () => u32() / 4294967296,
    int: (n: number) => {
      if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`Rng.int: ${n} is not a positive integer`);
      return Math.floor((u32() / 4294967296) * n);
    },
  };
}

/**
 * A standard normal draw (Box–Muller, one of the pair; two uniform draws).
 *
 * @example
 * ```ts
 * const z = standardNormal(seededRng(1)); // same value on every run
 * ```
 */
export function standardNormal(rng: Rng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A shuffled copy (Fisher–Yates from the last position, one `rng.int` per
 * position); the input is not changed.
 *
 * @example
 * ```ts
 * shuffled(seededRng(1), [1, 2, 3, 4]); // the same order on every run
 * ```
 */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The independent random streams derived from one user seed, each with its
 * own odd multiplier and increment (so a seed's bagging refits and its
 * scenario refits never share draws).
 */
const SEED_STREAMS = {
  /** `proxy-ensemble-bagged`'s refit subsets. */
  bagging: [0x2c1b3c6d, 0x297a2d39],
  /** The one-proxy pipeline's expected-regret scenarios. */
  scenarios: [0x2545f491, 0x5ce4a71],
  /** The scale protocol's random architectures beside the references. */
  "scale-extra": [0x6a09e667, 0x3c6ef373],
  /** The device-aware model's operator-cost devices and the rows it trains on of each. */
  "synthetic-devices": [0x510e527f, 0x1f83d9ab],
  "synthetic-rows": [0x5be0cd19, 0x6b5be0cd],
  /** The Once-for-All optimizer's NSGA-II label runs (one per device, offset by its index) and its mixture devices. */
  "ofa-labels": [0x428a2f98, 0x71374491],
  "ofa-mixtures": [0x3956c25b, 0x59f111f1],
} as const satisfies Record<string, readonly [number, number]>;

/** A stream of {@link deriveSeed}. */
export type SeedStream = keyof typeof SEED_STREAMS;

/**
 * The seed of one random stream derived from a user's seed: an affine map
 * with the stream's constants, to 32 bits. Same seed and stream, same result.
 *
 * @example
 * ```ts
 * const rng = seededRng(deriveSeed(options.seed ?? 0, "bagging"));
 * ```
 */
export function deriveSeed(seed: number, stream: SeedStream): number {
  const [multiplier, increment] = SEED_STREAMS[stream];
  return (seed * multiplier + increment) | 0;
}
