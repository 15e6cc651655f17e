/**
 * The FBNet search space (as in HW-NAS-Bench and HELP): 22 searchable layers,
 * each one of 9 blocks. Canonical string: the 22 block names joined by `-`.
 */
import { InvalidArgumentError } from "../errors.js";
import type { Rng } from "../random.js";

/** The 9 blocks: kernel size, expansion, groups; `skip` is the identity. */
export const FBNET_BLOCKS = ["k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"] as const;
export type FbnetBlock = (typeof FBNET_BLOCKS)[number];
/** Number of searchable layers. */
export const FBNET_LAYERS = 22;

/**
 * FBNet's macro-architecture (Wu et al., CVPR 2019, Table 1) on 224 x 224
 * ImageNet inputs: a 3 x 3 stem of 16 channels at stride 2, then the 22
 * searchable layers in stages of (output channels, layers, stride of the
 * first), then a 1 x 1 convolution to 1,984 channels, global pooling and a
 * 1,000-way classifier.
 */
export const FBNET_LAYOUT = {
  resolution: 224,
  stemChannels: 16,
  stages: [
    { channels: 16, layers: 1, stride: 1 },
    { channels: 24, layers: 4, stride: 2 },
    { channels: 32, layers: 4, stride: 2 },
    { channels: 64, layers: 4, stride: 2 },
    { channels: 112, layers: 4, stride: 1 },
    { channels: 184, layers: 4, stride: 2 },
    { channels: 352, layers: 1, stride: 1 },
  ],
  headChannels: 1984,
  classes: 1000,
} as const;

/** A block's kernel size, expansion and groups (`skip`: null). */
export function fbnetBlockShape(block: number): { kernel: number; expansion: number; groups: number } | null {
  const m = /^k(\d)_e(\d)(?:_g(\d))?$/.exec(FBNET_BLOCKS[block] ?? "");
  return m ? { kernel: Number(m[1]), expansion: Number(m[2]), groups: Number(m[3] ?? 1) } : null;
}

/** An FBNet architecture: a block id (index into `FBNET_BLOCKS`) per layer. */
export type FbnetArch = readonly number[];

const BLOCK_ID: ReadonlyMap<string, number> = new Map(FBNET_BLOCKS.map((b, i) => [b, i]));

function check(where: string, arch: readonly number[]): void {
  if (!Array.isArray(arch) || arch.length !== FBNET_LAYERS || !arch.every((b) => Number.isInteger(b) && b >= 0 && b < FBNET_BLOCKS.length)) {
    throw new InvalidArgumentError(`${where}: ${JSON.stringify(arch)} is not an FBNet architecture; expected ${FBNET_LAYERS} block ids in 0..${FBNET_BLOCKS.length - 1}`);
  }
}

/**
 * Parses a canonical FBNet string.
 *
 * @throws {InvalidArgumentError} naming the unknown block or the layer count
 * @example
 * ```ts
 * fbnetParse(Array(22).fill("k3_e1").join("-"))[0]; // 0
 * ```
 */
export function fbnetParse(s: string): FbnetArch {
  const parts = typeof s === "string" ? s.split("-") : [];
  if (parts.length !== FBNET_LAYERS) throw new InvalidArgumentError(`fbnetParse: ${JSON.stringify(s)} has ${parts.length} layers, expected ${FBNET_LAYERS} block names joined by "-"`);
  return parts.map((p, i) => {
    const id = BLOCK_ID.get(p);
    if (id === undefined) throw new InvalidArgumentError(`fbnetParse: layer ${i} block ${JSON.stringify(p)} is unknown; blocks: ${FBNET_BLOCKS.join(", ")}`);
    return id;
  });
}

/**
 * The canonical string of an FBNet architecture.
 *
 * @example
 * ```ts
 * fbnetFormat(fbnetSample(seededRng(0))); // 22 block choices, comma-separated
 * ```
 */
export function fbnetFormat(arch: readonly number[]): string {
  check("fbnetFormat", arch);
  return arch.map((b) => FBNET_BLOCKS[b]).join("-");
}

/** One-hot features: 22 layers x 9 blocks (198 values), layer-major. */
export function fbnetOneHot(arch: readonly number[]): Float64Array {
  check("fbnetOneHot", arch);
  const x = new Float64Array(FBNET_LAYERS * FBNET_BLOCKS.length);
  arch.forEach((b, l) => (x[l * FBNET_BLOCKS.length + b] = 1));
  return x;
}

/**
 * Per-layer features: kernel size, expansion, groups, and 1 for skip (4 per layer, 88 values).
 *
 * @example
 * ```ts
 * fbnetLayerFeatures(fbnetParse(Array(22).fill("k5_e1_g2").join("-"))).slice(0, 4); // [5, 1, 2, 0]
 * ```
 */
export function fbnetLayerFeatures(arch: readonly number[]): Float64Array {
  check("fbnetLayerFeatures", arch);
  const x = new Float64Array(FBNET_LAYERS * 4);
  arch.forEach((b, l) => {
    const shape = fbnetBlockShape(b);
    if (shape) {
      x[l * 4] = shape.kernel;
      x[l * 4 + 1] = shape.expansion;
      x[l * 4 + 2] = shape.groups;
    } else x[l * 4 + 3] = 1;
  });
  return x;
}

/**
 * A uniformly random architecture.
 *
 * @example
 * ```ts
 * const arch = fbnetSample(seededRng(1));
 * ```
 */
export function fbnetSample(rng: Rng): FbnetArch {
  return Array.from({ length: FBNET_LAYERS }, () => rng.int(FBNET_BLOCKS.length));
}

/**
 * Mutates each layer with probability `rate` (at least one layer always changes) to a different block.
 *
 * @example
 * ```ts
 * const child = fbnetMutate(parent, seededRng(1), 0.1);
 * ```
 */
export function fbnetMutate(arch: readonly number[], rng: Rng, rate = 1 / FBNET_LAYERS): FbnetArch {
  check("fbnetMutate", arch);
  const out = [...arch];
  const forced = rng.int(FBNET_LAYERS);
  for (let l = 0; l < FBNET_LAYERS; l++) {
    if (l === forced || rng.next() < rate) out[l] = ((out[l] as number) + 1 + rng.int(FBNET_BLOCKS.length - 1)) % FBNET_BLOCKS.length;
  }
  return out;
}
