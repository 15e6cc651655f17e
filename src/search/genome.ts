/**
 * What an evolutionary search needs from a search space: sample, mutate,
 * cross over, and name (the canonical architecture string, which is also the
 * key that tells whether an architecture was already evaluated).
 */
import type { Rng } from "../random.js";
import { fbnetFormat, fbnetMutate, fbnetParse, fbnetSample, FBNET_LAYERS } from "../spaces/fbnet.js";
import { NB201_OPS, nb201Format, nb201Parse, type Nb201Arch } from "../spaces/nb201.js";
import { ofaFormat, ofaMutate, ofaNormalize, ofaParse, ofaSample, OFA_STAGES, type OfaArch } from "../spaces/ofa.js";
import type { SpaceName } from "../spaces/space.js";

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

/** NAS-Bench-201: six edges, five operations each; mutation changes one edge. */
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

/** Once-for-All MobileNetV3: per-slot kernel and expand, per-stage depth, resolution. */
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

/** FBNet: 22 layers, nine blocks each. */
export const FBNET_GENOME: Genome<readonly number[]> = {
  space: "fbnet",
  sample: (rng) => fbnetSample(rng),
  mutate: (g, rng) => fbnetMutate(g, rng, 1 / FBNET_LAYERS),
  crossover: (a, b, rng) => a.map((x, i) => (rng.next() < 0.5 ? x : (b[i] as number))),
  format: (g) => fbnetFormat(g),
  parse: (s) => fbnetParse(s),
};

/** The genome of a search space. */
export function genomeOf(space: SpaceName): Genome<unknown> {
  return (space === "nb201" ? NB201_GENOME : space === "ofa-mbv3" ? OFA_GENOME : FBNET_GENOME) as Genome<unknown>;
}
