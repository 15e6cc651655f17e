/**
 * What an evolutionary search needs from a search space: sample, mutate,
 * cross over, and name (the canonical architecture string, which is also the
 * key that tells whether an architecture was already evaluated).
 */
import { InvalidArgumentError } from "../errors.js";
import type { Rng } from "../random.js";
import { fbnetFormat, fbnetMutate, fbnetParse, fbnetSample, FBNET_LAYERS } from "../spaces/fbnet.js";
import { NB201_OPS, nb201Format, nb201Parse, type Nb201Arch } from "../spaces/nb201.js";
import type { SpaceName } from "../spaces/space.js";
import { ofaFormat, ofaMutate, ofaNormalize, ofaParse, ofaSample, OFA_STAGES, type OfaArch } from "../spaces/ofa.js";
import { proxylessFormat, proxylessMutate, proxylessParse, proxylessSample } from "../spaces/proxyless.js";

/** The operators of a search space, for evolution. */
export interface Genome<G> {
  readonly space: SpaceName;
  /** A uniformly random architecture. */
  sample(rng: Rng): G;
  /** A random neighbour, always different from `g`. */
  mutate(g: G, rng: Rng): G;
  /** A child taking each gene from one of two parents. */
  crossover(a: G, b: G, rng: Rng): G;
  /** The canonical architecture string. */
  format(g: G): string;
  /** Parses an architecture string. */
  parse(s: string): G;
}

/**
 * NAS-Bench-201: six edges, five operations each; mutation changes one edge.
 *
 * @example
 * ```ts
 * nsga2(NB201_GENOME, tableEvaluator(table, "cifar10", "pixel3"), { evaluations: 2000, seed: 0 });
 * ```
 */
export const NB201_GENOME: Genome<Nb201Arch> = {
  space: "nb201",
  sample: (rng) => Array.from({ length: 6 }, () => rng.int(NB201_OPS.length)) as unknown as Nb201Arch,
  mutate: (g, rng) => {
    const out = [...g];
    const e = rng.int(6);
    out[e] = ((out[e] as number) + 1 + rng.int(NB201_OPS.length - 1)) % NB201_OPS.length;
    return out as unknown as Nb201Arch;
  },
  crossover: (a, b, rng) => a.map((x, i) => (rng.next() < 0.5 ? x : (b[i] as number))) as unknown as Nb201Arch,
  format: (g) => nb201Format(g),
  parse: (s) => nb201Parse(s),
};

/**
 * Once-for-All MobileNetV3: per-slot kernel and expand, per-stage depth, resolution.
 *
 * @example
 * ```ts
 * const genome = ofaGenomeAt(224); // or OFA_GENOME for every resolution
 * nsga2(OFA_GENOME, evaluator, { evaluations: 2000, seed: 0 });
 * ```
 */
export const OFA_GENOME: Genome<OfaArch> = {
  space: "ofa-mbv3",
  sample: (rng) => ofaSample(rng),
  mutate: (g, rng) => ofaMutate(g, rng),
  crossover: (a, b, rng) => {
    // a stage's depth and its slots come from the same parent, so live slots stay set
    const ks: number[] = [];
    const e: number[] = [];
    const d: number[] = [];
    for (let s = 0; s < OFA_STAGES; s++) {
      const p = rng.next() < 0.5 ? a : b;
      d.push(p.d[s] as number);
      for (let i = s * 4; i < s * 4 + 4; i++) {
        ks.push(p.ks[i] as number);
        e.push(p.e[i] as number);
      }
    }
    return ofaNormalize({ ks, e, d, r: rng.next() < 0.5 ? a.r : b.r }, "crossover");
  },
  format: (g) => ofaFormat(g),
  parse: (s) => ofaParse(s),
};

/**
 * The Once-for-All genome restricted to some resolutions (e.g. those a latency
 * lookup table covers): sampled and mutated resolutions snap to the nearest
 * allowed one (ties: the smaller); mutation still always changes the subnet.
 *
 * @throws {InvalidArgumentError} for an empty list
 * @example
 * ```ts
 * const g = ofaGenomeAt(lut.resolutions); // [160, 176, 192, 208, 224]
 * ```
 */
export function ofaGenomeAt(resolutions: readonly number[]): Genome<OfaArch> {
  if (resolutions.length === 0) throw new InvalidArgumentError("ofaGenomeAt: give at least one resolution");
  const allowed = [...resolutions].sort((a, b) => a - b);
  const snap = (g: OfaArch): OfaArch => {
    let best = allowed[0] as number;
    for (const r of allowed) if (Math.abs(r - g.r) < Math.abs(best - g.r)) best = r;
    return best === g.r ? g : ofaNormalize({ ks: g.ks, e: g.e, d: g.d, r: best }, "ofaGenomeAt");
  };
  return {
    ...OFA_GENOME,
    sample: (rng) => snap(ofaSample(rng)),
    mutate: (g, rng) => {
      const s = ofaFormat(g);
      for (let i = 0; ; i++) {
        const c = snap(ofaMutate(g, rng));
        if (ofaFormat(c) !== s || i > 100) return c;
      }
    },
    crossover: (a, b, rng) => snap(OFA_GENOME.crossover(a, b, rng)),
  };
}

/**
 * FBNet: 22 layers, nine blocks each.
 *
 * @example
 * ```ts
 * agingEvolution(FBNET_GENOME, evaluator, { evaluations: 1000, seed: 0 });
 * ```
 */
export const FBNET_GENOME: Genome<readonly number[]> = {
  space: "fbnet",
  sample: (rng) => fbnetSample(rng),
  mutate: (g, rng) => fbnetMutate(g, rng, 1 / FBNET_LAYERS),
  crossover: (a, b, rng) => a.map((x, i) => (rng.next() < 0.5 ? x : (b[i] as number))),
  format: (g) => fbnetFormat(g),
  parse: (s) => fbnetParse(s),
};

/**
 * The ProxylessNAS mobile genome: one choice per layer (a stage's first
 * layer never skipped), uniform crossover per layer.
 *
 * @example
 * ```ts
 * nsga2(PROXYLESS_GENOME, (archs) => ({ accuracy: acc(archs), latency: lut.predict(archs) }), { evaluations: 2000, seed: 0 });
 * ```
 */
export const PROXYLESS_GENOME: Genome<readonly number[]> = {
  space: "proxyless",
  sample: (rng) => proxylessSample(rng),
  mutate: (g, rng) => proxylessMutate(g, rng),
  // both parents hold a valid choice at every layer, so any mix is valid
  crossover: (a, b, rng) => a.map((x, i) => (rng.next() < 0.5 ? x : (b[i] as number))),
  format: (g) => proxylessFormat(g),
  parse: (s) => proxylessParse(s),
};
