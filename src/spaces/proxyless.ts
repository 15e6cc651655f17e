/**
 * The ProxylessNAS mobile search space (Cai, Zhu, Han, ICLR 2019), built on
 * MobileNet-V2: a fixed stem and first block, then 21 searchable layers in
 * six stages, each layer one of six inverted-residual blocks (kernel 3, 5 or
 * 7, expansion 3 or 6) or, except on a stage's first layer, `skip` (the
 * layer is left out: its residual identity only). Canonical string: the 21
 * choices joined by `-`, e.g. `k3e6-skip-k5e3-...`.
 */
import { InvalidArgumentError } from "../errors.js";
import type { Rng } from "../random.js";

/** The 7 choices of a layer; `skip` only where the layer keeps its input's shape. */
export const PROXYLESS_OPS = ["k3e3", "k3e6", "k5e3", "k5e6", "k7e3", "k7e6", "skip"] as const;
export type ProxylessOp = (typeof PROXYLESS_OPS)[number];
/** The id of `skip` in {@link PROXYLESS_OPS}. */
export const PROXYLESS_SKIP = PROXYLESS_OPS.length - 1;

/**
 * ProxylessNAS's mobile macro-architecture on 224 x 224 ImageNet inputs: a
 * 3 x 3 stem of 32 channels at stride 2, a fixed 3 x 3 block of expansion 1
 * to 16 channels, the searchable stages (output channels, layers, stride of
 * the first), a 1 x 1 convolution to 1,280 channels, global pooling and a
 * 1,000-way classifier. ReLU6 throughout, no squeeze-excite.
 */
export const PROXYLESS_LAYOUT = {
  resolution: 224,
  stemChannels: 32,
  firstBlockChannels: 16,
  stages: [
    { channels: 24, layers: 4, stride: 2 },
    { channels: 40, layers: 4, stride: 2 },
    { channels: 80, layers: 4, stride: 2 },
    { channels: 96, layers: 4, stride: 1 },
    { channels: 192, layers: 4, stride: 2 },
    { channels: 320, layers: 1, stride: 1 },
  ],
  featureMix: 1280,
  classes: 1000,
} as const;

/** Number of searchable layers. */
export const PROXYLESS_LAYERS = PROXYLESS_LAYOUT.stages.reduce((n, s) => n + s.layers, 0);

/** Whether a layer is the first of its stage (it changes the shape, so it cannot be skipped). */
export const FIRST_OF_STAGE: readonly boolean[] = PROXYLESS_LAYOUT.stages.flatMap((s) => Array.from({ length: s.layers }, (_, i) => i === 0));

/** A ProxylessNAS architecture: an op id per layer, into `PROXYLESS_OPS` (k3e3, k3e6, k5e3, k5e6, k7e3, k7e6, skip). */
export type ProxylessArch = readonly number[];

/** One searchable layer of an architecture: its shape and choice (`op` null for skip). */
export interface ProxylessLayer {
  readonly cin: number;
  readonly cout: number;
  /** Input feature-map side. */
  readonly size: number;
  readonly stride: number;
  /** Identity residual (every layer but a stage's first). */
  readonly residual: boolean;
  readonly op: { readonly kernel: number; readonly expand: number } | null;
}

const OP_ID: ReadonlyMap<string, number> = new Map(PROXYLESS_OPS.map((o, i) => [o, i]));

function check(where: string, arch: readonly number[]): void {
  if (!Array.isArray(arch) || arch.length !== PROXYLESS_LAYERS || !arch.every((b) => Number.isInteger(b) && b >= 0 && b < PROXYLESS_OPS.length)) {
    throw new InvalidArgumentError(`${where}: ${JSON.stringify(arch)} is not a ProxylessNAS architecture; expected ${PROXYLESS_LAYERS} op ids in 0..${PROXYLESS_OPS.length - 1}`);
  }
  const bad = arch.findIndex((b, l) => b === PROXYLESS_SKIP && FIRST_OF_STAGE[l]);
  if (bad >= 0) throw new InvalidArgumentError(`${where}: layer ${bad} is the first of its stage and cannot be skip; it is one of ${PROXYLESS_OPS.slice(0, PROXYLESS_SKIP).join(", ")}`);
}

/**
 * Parses a canonical ProxylessNAS string.
 *
 * @throws {InvalidArgumentError} naming the unknown op, the layer count, or a skip on a stage's first layer
 * @example
 * ```ts
 * proxylessParse(Array(21).fill("k3e6").join("-"))[0]; // 1
 * ```
 */
export function proxylessParse(s: string): ProxylessArch {
  const parts = typeof s === "string" ? s.split("-") : [];
  if (parts.length !== PROXYLESS_LAYERS) throw new InvalidArgumentError(`proxylessParse: ${JSON.stringify(s)} has ${parts.length} layers, expected ${PROXYLESS_LAYERS} choices joined by "-"`);
  const arch = parts.map((p, i) => {
    const id = OP_ID.get(p);
    if (id === undefined) throw new InvalidArgumentError(`proxylessParse: layer ${i} op ${JSON.stringify(p)} is unknown; ops: ${PROXYLESS_OPS.join(", ")}`);
    return id;
  });
  check("proxylessParse", arch);
  return arch;
}

/**
 * The canonical string of a ProxylessNAS architecture.
 *
 * @throws {InvalidArgumentError} when the ids are not an architecture of the space
 * @example
 * ```ts
 * proxylessFormat(proxylessSample(seededRng(0))); // 21 choices joined by "-"
 * ```
 */
export function proxylessFormat(arch: readonly number[]): string {
  check("proxylessFormat", arch);
  return arch.map((b) => PROXYLESS_OPS[b]).join("-");
}

/**
 * The searchable layers of an architecture with their shapes, in order.
 *
 * @example
 * ```ts
 * proxylessLayers(proxylessParse(arch))[0]; // { cin: 16, cout: 24, size: 112, stride: 2, residual: false, op: { kernel: 3, expand: 6 } }
 * ```
 */
export function proxylessLayers(arch: readonly number[]): ProxylessLayer[] {
  check("proxylessLayers", arch);
  const L = PROXYLESS_LAYOUT;
  const out: ProxylessLayer[] = [];
  let cin: number = L.firstBlockChannels;
  let size = L.resolution / 2;
  let l = 0;
  for (const st of L.stages) {
    for (let i = 0; i < st.layers; i++, l++) {
      const stride = i === 0 ? st.stride : 1;
      const m = /^k(\d)e(\d)$/.exec(PROXYLESS_OPS[arch[l] as number]);
      out.push({ cin, cout: st.channels, size, stride, residual: i > 0, op: m ? { kernel: Number(m[1]), expand: Number(m[2]) } : null });
      size = Math.ceil(size / stride);
      cin = st.channels;
    }
  }
  return out;
}

/**
 * The keys of ProxylessNAS's mobile lookup table (`proxylessnas-mobile-lut`)
 * that an architecture's network runs: stem, first block, every layer that
 * is not skipped, final 1 x 1 convolution and classifier.
 *
 * @example
 * ```ts
 * proxylessLayerKeys(arch)[0]; // "Conv-input:224x224x3-output:112x112x32"
 * ```
 */
export function proxylessLayerKeys(arch: readonly number[]): string[] {
  const L = PROXYLESS_LAYOUT;
  const half = L.resolution / 2;
  const keys = [
    `Conv-input:${L.resolution}x${L.resolution}x3-output:${half}x${half}x${L.stemChannels}`,
    `expanded_conv-input:${half}x${half}x${L.stemChannels}-output:${half}x${half}x${L.firstBlockChannels}-expand:1-kernel:3-stride:1-idskip:0`,
  ];
  let last = { size: half, cout: L.firstBlockChannels as number };
  for (const x of proxylessLayers(arch)) {
    const out = Math.ceil(x.size / x.stride);
    if (x.op) keys.push(`expanded_conv-input:${x.size}x${x.size}x${x.cin}-output:${out}x${out}x${x.cout}-expand:${x.op.expand}-kernel:${x.op.kernel}-stride:${x.stride}-idskip:${x.residual ? 1 : 0}`);
    last = { size: out, cout: x.cout };
  }
  keys.push(`Conv_1-input:${last.size}x${last.size}x${last.cout}-output:${last.size}x${last.size}x${L.featureMix}`, `Logits-input:${last.size}x${last.size}x${L.featureMix}-output:${L.classes}`);
  return keys;
}

/**
 * One-hot features: 21 layers x 7 choices (147 values), layer-major.
 *
 * @example
 * ```ts
 * proxylessOneHot(proxylessParse(arch)).length; // 147
 * ```
 */
export function proxylessOneHot(arch: readonly number[]): Float64Array {
  check("proxylessOneHot", arch);
  const x = new Float64Array(PROXYLESS_LAYERS * PROXYLESS_OPS.length);
  arch.forEach((b, l) => (x[l * PROXYLESS_OPS.length + b] = 1));
  return x;
}

/**
 * A uniformly random architecture: each layer uniform over the choices it allows.
 *
 * @example
 * ```ts
 * const arch = proxylessSample(seededRng(1));
 * ```
 */
export function proxylessSample(rng: Rng): ProxylessArch {
  return FIRST_OF_STAGE.map((first) => rng.int(first ? PROXYLESS_SKIP : PROXYLESS_OPS.length));
}

/**
 * Mutates each layer with probability `rate` (at least one layer always changes) to a different allowed choice.
 *
 * @example
 * ```ts
 * const child = proxylessMutate(parent, seededRng(1), 0.1);
 * ```
 */
export function proxylessMutate(arch: readonly number[], rng: Rng, rate = 1 / PROXYLESS_LAYERS): ProxylessArch {
  check("proxylessMutate", arch);
  const out = [...arch];
  const forced = rng.int(PROXYLESS_LAYERS);
  for (let l = 0; l < PROXYLESS_LAYERS; l++) {
    if (l !== forced && rng.next() >= rate) continue;
    const n = FIRST_OF_STAGE[l] ? PROXYLESS_SKIP : PROXYLESS_OPS.length;
    out[l] = ((out[l] as number) + 1 + rng.int(n - 1)) % n;
  }
  return out;
}
