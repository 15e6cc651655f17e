/**
 * Synthetic devices: new latency tables made from real ones, to give a
 * model trained across devices more devices than the pool holds. A synthetic
 * device is a positive mixture of 2 or 3 real devices' latencies, each first
 * divided by its median (so a slow device does not dominate), with Dirichlet
 * weights, at the speed of a random one of its parents: a device whose cost
 * is part one device's and part another's. Seeded.
 */
import { InvalidArgumentError, InvalidDataError } from "../errors.js";
import type { LatencyTable } from "../data/latency-table.js";
import { seededRng } from "../random.js";
import { quantiles } from "../stats/quantile.js";
import { spearman } from "../stats/correlation.js";

/** A generated device. */
export interface SyntheticDevice {
  /** `synthetic-<seed>-<i>`. */
  readonly name: string;
  /** One latency (ms) per table row; NaN where a parent has none. */
  readonly latency: Float64Array;
  /** The real devices mixed and their weights (summing to 1). */
  readonly parents: readonly { readonly device: string; readonly weight: number }[];
}

/** Options of {@link syntheticDevices}. */
export interface SyntheticOptions {
  /** How many devices (default 100). */
  readonly count?: number;
  readonly seed?: number;
}

/**
 * Synthetic devices mixed from the pool's devices.
 *
 * @throws {InvalidArgumentError} for fewer than 2 pool devices or a count that is not a non-negative integer
 * @throws {InvalidDataError} for a pool device without a positive median latency
 * @example
 * ```ts
 * const synth = syntheticDevices(help, ["pixel3", "1080ti_1", "silver_4114"], { count: 50, seed: 0 });
 * synth[0].parents; // e.g. [{ device: "pixel3", weight: 0.62 }, { device: "silver_4114", weight: 0.38 }]
 * ```
 */
export function syntheticDevices(table: LatencyTable, pool: readonly string[], options: SyntheticOptions = {}): SyntheticDevice[] {
  const count = options.count ?? 100;
  const seed = options.seed ?? 0;
  if (pool.length < 2) throw new InvalidArgumentError(`syntheticDevices: the pool has ${pool.length} device(s); mixtures need at least 2`);
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError(`syntheticDevices: count ${count} must be a non-negative integer`);
  const views = pool.map((d) => table.latencyView(d));
  const medians = views.map((v, i) => {
    const m = quantiles(v, [0.5])[0] as number;
    if (!(m > 0)) throw new InvalidDataError(`syntheticDevices: ${pool[i]} has median latency ${m} in ${table.source}; valid: > 0 ms`);
    return m;
  });
  const rng = seededRng(seed);
  const out: SyntheticDevice[] = [];
  for (let k = 0; k < count; k++) {
    const n = Math.min(pool.length, 2 + rng.int(2));
    const picked: number[] = [];
    while (picked.length < n) {
      const i = rng.int(pool.length);
      if (!picked.includes(i)) picked.push(i);
    }
    // Dirichlet(1, ..., 1): normalised exponentials
    const raw = picked.map(() => -Math.log(1 - rng.next()));
    const total = raw.reduce((a, b) => a + b, 0);
    const weights = raw.map((w) => w / total);
    const speed = medians[picked[rng.int(n)] as number] as number;
    const latency = new Float64Array(table.rows);
    for (let r = 0; r < latency.length; r++) {
      let s = 0;
      picked.forEach((i, j) => {
        s += ((weights[j] as number) * ((views[i] as Float64Array)[r] as number)) / (medians[i] as number);
      });
      latency[r] = s * speed;
    }
    out.push({ name: `synthetic-${seed}-${k}`, latency, parents: picked.map((i, j) => ({ device: pool[i] as string, weight: weights[j] as number })) });
  }
  return out;
}

/**
 * Each synthetic device's highest Spearman correlation with a real device of
 * the table (the real device's name and the SRCC): how new a ranking it is.
 *
 * @example
 * ```ts
 * syntheticMonotonicity(help, synth, help.deviceNames)[0]; // { device: "synthetic-0-0", nearest: "pixel3", srcc: 0.97 }
 * ```
 */
export function syntheticMonotonicity(table: LatencyTable, devices: readonly SyntheticDevice[], real: readonly string[]): { device: string; nearest: string; srcc: number }[] {
  const views = real.map((d) => table.latencyView(d));
  return devices.map((s) => {
    let nearest = "";
    let best = Number.NEGATIVE_INFINITY;
    views.forEach((v, i) => {
      const r = spearman(s.latency, v).value;
      if (r > best) {
        best = r;
        nearest = real[i] as string;
      }
    });
    return { device: s.name, nearest, srcc: best };
  });
}
