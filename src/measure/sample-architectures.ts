/**
 * Which NAS-Bench-201 architectures to measure when describing a new
 * runtime: a sample stratified over the space by analytic FLOPs (so cheap and
 * expensive networks are equally represented), with given architectures (for
 * example HELP's 10 reference architectures) always included, first.
 */
import { InvalidArgumentError } from "../errors.js";
import { seededRng } from "../random.js";
import { NB201_SIZE, nb201Code, nb201Format, nb201FromCode, nb201Parse } from "../spaces/nb201.js";
import { nb201Cost } from "./model-cost.js";

let byFlops: Int32Array | undefined;
/** All codes sorted by FLOPs (ties by code). */
function codesByFlops(): Int32Array {
  if (!byFlops) {
    const flops = Float64Array.from({ length: NB201_SIZE }, (_, c) => nb201Cost(nb201FromCode(c)).flops);
    byFlops = Int32Array.from({ length: NB201_SIZE }, (_, c) => c).sort((a, b) => (flops[a] as number) - (flops[b] as number) || a - b);
  }
  return byFlops;
}

/**
 * `n` distinct NAS-Bench-201 architectures (canonical strings): the `include`
 * ones first, then one drawn at random from each of `n - include.length`
 * equal-count strata of the space sorted by FLOPs (skipping included ones),
 * in a seeded random order (the order they are measured in).
 *
 * @throws {InvalidArgumentError} when n is out of 1..15,625, fewer than the included ones, or an included string does not parse
 * @example
 * ```ts
 * stratifiedNb201Sample(500, 0).length; // 500
 * ```
 */
export function stratifiedNb201Sample(n: number, seed: number, include: readonly string[] = []): string[] {
  if (!Number.isInteger(n) || n < 1 || n > NB201_SIZE) throw new InvalidArgumentError(`stratifiedNb201Sample: n = ${String(n)}; expected an integer in 1..${NB201_SIZE}`);
  const chosen = new Set<number>(include.map((s) => nb201Code(nb201Parse(s))));
  if (chosen.size > n) throw new InvalidArgumentError(`stratifiedNb201Sample: ${chosen.size} architectures to include but n = ${n}`);
  const order = codesByFlops();
  const rng = seededRng(seed);
  const strata = n - chosen.size;
  const out = [...chosen];
  for (let s = 0; s < strata; s++) {
    const lo = Math.floor((s * NB201_SIZE) / strata);
    const hi = Math.floor(((s + 1) * NB201_SIZE) / strata);
    // draw within the stratum; on a collision with an included one, walk forward (wrapping inside the stratum)
    const start = lo + Math.floor(rng.next() * (hi - lo));
    for (let k = 0; k < hi - lo; k++) {
      const code = order[lo + ((start - lo + k) % (hi - lo))] as number;
      if (!chosen.has(code)) {
        chosen.add(code);
        out.push(code);
        break;
      }
    }
  }
  // a stratum can be exhausted only when it holds only included codes: top up from the whole order
  for (let i = 0; out.length < n && i < NB201_SIZE; i++) {
    const code = order[i] as number;
    if (!chosen.has(code)) {
      chosen.add(code);
      out.push(code);
    }
  }
  // measurement order: the included ones, then the rest shuffled, so that a drift of the machine over time does not follow FLOPs
  const head = include.length === 0 ? 0 : new Set(include.map((x) => nb201Code(nb201Parse(x)))).size;
  for (let i = out.length - 1; i > head; i--) {
    const j = head + Math.floor(rng.next() * (i - head + 1));
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out.map((c) => nb201Format(nb201FromCode(c)));
}
