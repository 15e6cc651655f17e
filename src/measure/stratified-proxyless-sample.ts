/**
 * Which ProxylessNAS mobile networks to measure: a sample stratified by
 * analytic FLOPs over the space's range. A uniform draw sums 21 independent
 * layer choices, so its FLOPs crowd around the middle (here 283-459 MFLOPs
 * between the 1st and 99th percentiles, of a space spanning about 100-600):
 * rankings measured on it compare networks that differ by little more than
 * the measurement noise. The stratified sample spreads the networks evenly
 * in log FLOPs, as `stratifiedNb201Sample` does for NAS-Bench-201.
 */
import { InvalidArgumentError } from "../errors.js";
import { seededRng, shuffled, type Rng } from "../random.js";
import { FIRST_OF_STAGE, PROXYLESS_OPS, PROXYLESS_SKIP, proxylessFormat, type ProxylessArch } from "../spaces/proxyless.js";
import { proxylessCost } from "./model-cost.js";

/** Draws of the proposal before giving up on an empty stratum (a stratum the proposal practically never reaches). */
const MAX_DRAWS = 400_000;
/** Draws that fix the sampled range (its 0.5th to 99.5th percentile of log FLOPs). */
const PILOT = 20_000;
/** The range's tails left out: the proposal reaches them too rarely to fill strata there. */
const TAIL = 0.005;

/** The size rank of each op id (skip excluded) in 0..1, in `PROXYLESS_OPS` order (k3e3 smallest, k7e6 largest). */
const OP_SIZE: readonly number[] = PROXYLESS_OPS.slice(0, PROXYLESS_SKIP).map((_, id) => id / (PROXYLESS_SKIP - 1));

/**
 * The proposal: a size t ~ U(0, 1) per network; each skippable layer skipped
 * with probability 1 - t, each op drawn with weight growing with t towards
 * the large kernels and expansions. t = 0 tends to the smallest network,
 * t = 1 to the largest.
 */
function propose(rng: Rng): ProxylessArch {
  const t = rng.next();
  const weights = OP_SIZE.map((s) => Math.exp(4 * (2 * t - 1) * (s - 0.5)));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickOp = () => {
    let u = rng.next() * total;
    for (let id = 0; id < weights.length; id++) {
      u -= weights[id] as number;
      if (u < 0) return id;
    }
    return weights.length - 1;
  };
  return FIRST_OF_STAGE.map((first) => (first || rng.next() >= 1 - t ? pickOp() : PROXYLESS_SKIP));
}

/**
 * `n` distinct ProxylessNAS mobile architectures (canonical strings), one
 * from each of `n` equal-width strata of log FLOPs between the 0.5th and
 * 99.5th percentiles of a size-tilted proposal (see the module note), in a
 * seeded random order (the order they are measured in, so that a drift of
 * the machine does not follow FLOPs).
 *
 * @throws {InvalidArgumentError} when n is not an integer in 1..2,000
 * @example
 * ```ts
 * stratifiedProxylessSample(300, 0).length; // 300
 * ```
 */
export function stratifiedProxylessSample(n: number, seed: number): string[] {
  if (!Number.isInteger(n) || n < 1 || n > 2000) throw new InvalidArgumentError(`stratifiedProxylessSample: n = ${String(n)}; expected an integer in 1..2000`);
  const rng = seededRng(seed);
  const logFlops = (a: ProxylessArch) => Math.log(proxylessCost(a).flops);
  const pilot = Array.from({ length: PILOT }, () => logFlops(propose(rng))).sort((a, b) => a - b);
  const lo = pilot[Math.floor(TAIL * (PILOT - 1))] as number;
  const hi = pilot[Math.ceil((1 - TAIL) * (PILOT - 1))] as number;
  const strata: (string | undefined)[] = Array(n).fill(undefined);
  const seen = new Set<string>();
  let empty = n;
  for (let draws = 0; empty > 0; draws++) {
    if (draws >= MAX_DRAWS) throw new InvalidArgumentError(`stratifiedProxylessSample: ${empty} of ${n} FLOPs strata still empty after ${MAX_DRAWS} draws; use a smaller n`);
    const a = propose(rng);
    const f = logFlops(a);
    if (f < lo || f > hi) continue;
    const s = Math.min(n - 1, Math.floor(((f - lo) / (hi - lo)) * n));
    const key = proxylessFormat(a);
    if (strata[s] !== undefined || seen.has(key)) continue;
    strata[s] = key;
    seen.add(key);
    empty--;
  }
  return shuffled(rng, strata as string[]);
}
