/**
 * The Once-for-All MobileNetV3 space (`ofa_mbv3_d234_e346_k357_w1.2`): 5
 * searchable stages of depth 2..4 (20 block slots, 4 per stage), kernel
 * {3,5,7} and expand ratio {3,4,6} per block, input resolution 128..224 in
 * steps of 4 (as in HELP's subnets).
 *
 * Canonical string `r<res>-d<5 depths>-k<20 kernels>-e<20 expands>`, with the
 * slots past a stage's depth written 0: two subnets that differ only there are
 * one network.
 */
import { InvalidArgumentError } from "../errors.js";
import type { Rng } from "../random.js";

export const OFA_KERNELS = [3, 5, 7] as const;
export const OFA_EXPANDS = [3, 4, 6] as const;
export const OFA_DEPTHS = [2, 3, 4] as const;
export const OFA_STAGES = 5;
export const OFA_SLOTS = 20;
export const OFA_MIN_RESOLUTION = 128;
export const OFA_MAX_RESOLUTION = 224;
export const OFA_RESOLUTION_STEP = 4;
/** Length of {@link ofaAccuracyFeatures}. */
export const OFA_FEATURE_LENGTH = 128;

/**
 * The network's fixed layout (Once-for-All's `ofa_mbv3_d234_e346_k357_w1.2`):
 * stem 24 channels (stride 2), a first block 24 -> 24, then per searchable
 * stage its width, first-block stride, squeeze-excite and h-swish; then a
 * 1x1 conv to 1152, pooling, a 1536-wide feature mix and the classifier.
 */
export const OFA_LAYOUT = {
  stemChannels: 24,
  firstBlockChannels: 24,
  stages: [
    { width: 32, stride: 2, se: false, hswish: false },
    { width: 48, stride: 2, se: true, hswish: false },
    { width: 96, stride: 2, se: false, hswish: true },
    { width: 136, stride: 1, se: true, hswish: true },
    { width: 192, stride: 2, se: true, hswish: true },
  ],
  finalExpand: 1152,
  featureMix: 1536,
  classes: 1000,
} as const;

/** A subnet: kernel and expand per slot (0 past the stage's depth), depth per stage, resolution. */
export interface OfaArch {
  readonly ks: readonly number[];
  readonly e: readonly number[];
  readonly d: readonly number[];
  readonly r: number;
}

function bad(where: string, what: unknown, why: string): never {
  throw new InvalidArgumentError(`${where}: ${typeof what === "string" ? JSON.stringify(what) : JSON.stringify(what)} is not a Once-for-All MobileNetV3 subnet: ${why}`);
}

/**
 * Validates a subnet and zeroes the slots past each stage's depth (the
 * canonical form). Accepts HELP's `{ks, e, d, r}` records, whose unused slots
 * hold leftover values.
 *
 * @throws {InvalidArgumentError} naming the field and the valid values
 * @example
 * ```ts
 * ofaNormalize({ ks: Array(20).fill(3), e: Array(20).fill(6), d: [2, 2, 2, 2, 2], r: 160 }).ks[2]; // 0
 * ```
 */
export function ofaNormalize(a: { ks: readonly number[]; e: readonly number[]; d: readonly number[]; r: number }, where = "ofaNormalize"): OfaArch {
  if (typeof a !== "object" || a === null) bad(where, a, "expected an object {ks, e, d, r}");
  if (!Array.isArray(a.d) || a.d.length !== OFA_STAGES || !a.d.every((x) => (OFA_DEPTHS as readonly number[]).includes(x))) bad(where, a, `d must be ${OFA_STAGES} depths in {${OFA_DEPTHS.join(",")}}`);
  if (!Array.isArray(a.ks) || a.ks.length !== OFA_SLOTS) bad(where, a, `ks must have ${OFA_SLOTS} kernel sizes`);
  if (!Array.isArray(a.e) || a.e.length !== OFA_SLOTS) bad(where, a, `e must have ${OFA_SLOTS} expand ratios`);
  if (!Number.isInteger(a.r) || a.r < OFA_MIN_RESOLUTION || a.r > OFA_MAX_RESOLUTION || a.r % OFA_RESOLUTION_STEP !== 0) bad(where, a, `r must be in ${OFA_MIN_RESOLUTION}..${OFA_MAX_RESOLUTION} in steps of ${OFA_RESOLUTION_STEP}`);
  const ks: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < OFA_SLOTS; i++) {
    const live = (i % 4) < (a.d[Math.floor(i / 4)] as number);
    if (live) {
      if (!(OFA_KERNELS as readonly number[]).includes(a.ks[i] as number)) bad(where, a, `kernel ${a.ks[i]} at slot ${i}; valid: ${OFA_KERNELS.join(", ")}`);
      if (!(OFA_EXPANDS as readonly number[]).includes(a.e[i] as number)) bad(where, a, `expand ${a.e[i]} at slot ${i}; valid: ${OFA_EXPANDS.join(", ")}`);
    }
    ks.push(live ? (a.ks[i] as number) : 0);
    e.push(live ? (a.e[i] as number) : 0);
  }
  return { ks, e, d: [...a.d], r: a.r };
}

/**
 * The canonical string of a subnet.
 *
 * @example
 * ```ts
 * ofaFormat(arch); // "r204-d22223-k75007700...-e64006600..."
 * ```
 */
export function ofaFormat(a: OfaArch): string {
  const n = ofaNormalize(a, "ofaFormat");
  return `r${n.r}-d${n.d.join("")}-k${n.ks.join("")}-e${n.e.join("")}`;
}

/**
 * Parses a canonical string (slots past a depth must be 0).
 *
 * @throws {InvalidArgumentError} naming what is malformed
 *
 * @example
 * ```ts
 * ofaParse("r224-d44444-k77777777777777777777-e66666666666666666666").r; // 224
 * ```
 */
export function ofaParse(s: string): OfaArch {
  const m = typeof s === "string" ? /^r(\d+)-d(\d{5})-k(\d{20})-e(\d{20})$/.exec(s) : null;
  if (!m) bad("ofaParse", s, `expected "r<res>-d<5 depths>-k<20 kernels>-e<20 expands>"`);
  const [, r, d, k, e] = m as RegExpExecArray;
  const arch = { r: Number(r), d: [...(d as string)].map(Number), ks: [...(k as string)].map(Number), e: [...(e as string)].map(Number) };
  const n = ofaNormalize(arch, "ofaParse");
  for (let i = 0; i < OFA_SLOTS; i++) {
    if (n.ks[i] === 0 && (arch.ks[i] !== 0 || arch.e[i] !== 0)) bad("ofaParse", s, `slot ${i} is past its stage's depth and must be 0`);
  }
  return n;
}

/**
 * The 128 features of Once-for-All's accuracy predictor: kernel one-hot (20 x
 * {3,5,7}), expand one-hot (20 x {3,4,6}), resolution one-hot (8 slots,
 * `floor((r - 112) / 16)`); slots past a depth are all zero.
 */
export function ofaAccuracyFeatures(a: OfaArch): Float64Array {
  const n = ofaNormalize(a, "ofaAccuracyFeatures");
  const x = new Float64Array(OFA_FEATURE_LENGTH);
  for (let i = 0; i < OFA_SLOTS; i++) {
    if (n.ks[i] === 0) continue;
    x[i * 3 + OFA_KERNELS.indexOf(n.ks[i] as 3 | 5 | 7)] = 1;
    x[60 + i * 3 + OFA_EXPANDS.indexOf(n.e[i] as 3 | 4 | 6)] = 1;
  }
  x[120 + Math.floor((n.r - 112) / 16)] = 1;
  return x;
}

/**
 * A uniformly random subnet (depth, then kernel and expand per live slot, then resolution).
 *
 * @example
 * ```ts
 * ofaFormat(ofaSample(seededRng(0)));
 * ```
 */
export function ofaSample(rng: Rng): OfaArch {
  const d = Array.from({ length: OFA_STAGES }, () => OFA_DEPTHS[rng.int(OFA_DEPTHS.length)] as number);
  const ks = Array.from({ length: OFA_SLOTS }, () => OFA_KERNELS[rng.int(OFA_KERNELS.length)] as number);
  const e = Array.from({ length: OFA_SLOTS }, () => OFA_EXPANDS[rng.int(OFA_EXPANDS.length)] as number);
  const steps = (OFA_MAX_RESOLUTION - OFA_MIN_RESOLUTION) / OFA_RESOLUTION_STEP + 1;
  return ofaNormalize({ d, ks, e, r: OFA_MIN_RESOLUTION + OFA_RESOLUTION_STEP * rng.int(steps) });
}

/**
 * Mutates each gene (depth, kernel, expand, resolution) with probability `rate`; the result always differs from the input.
 */
export function ofaMutate(a: OfaArch, rng: Rng, rate = 0.1): OfaArch {
  const n = ofaNormalize(a, "ofaMutate");
  const source = ofaFormat(n);
  for (let attempt = 0; ; attempt++) {
    const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)] as T;
    const d = n.d.map((x) => (rng.next() < rate ? pick(OFA_DEPTHS) : x));
    const ks = n.ks.map((x) => (x === 0 || rng.next() < rate ? pick(OFA_KERNELS) : x));
    const e = n.e.map((x) => (x === 0 || rng.next() < rate ? pick(OFA_EXPANDS) : x));
    const steps = (OFA_MAX_RESOLUTION - OFA_MIN_RESOLUTION) / OFA_RESOLUTION_STEP + 1;
    const r = rng.next() < rate ? OFA_MIN_RESOLUTION + OFA_RESOLUTION_STEP * rng.int(steps) : n.r;
    const child = ofaNormalize({ d, ks, e, r });
    if (ofaFormat(child) !== source || attempt > 100) return child;
  }
}

/**
 * The lookup-table keys of a subnet's layers, as Once-for-All's latency
 * lookup tables name them (`expanded_conv-input:HxWxC-output:HxWxC-expand:..-kernel:..-stride:..-idskip:..-se:..-hs:..`).
 *
 * @example
 * ```ts
 * ofaLayerKeys(arch)[0]; // "Conv-input:160x160x3-output:80x80x24"
 * ```
 */
export function ofaLayerKeys(a: OfaArch): string[] {
  const n = ofaNormalize(a, "ofaLayerKeys");
  const shape = (...xs: number[]) => xs.join("x");
  const L = OFA_LAYOUT;
  let f = Math.floor((n.r + 1) / 2);
  const keys = [
    `Conv-input:${shape(n.r, n.r, 3)}-output:${shape(f, f, L.stemChannels)}`,
    `expanded_conv-input:${shape(f, f, L.stemChannels)}-output:${shape(f, f, L.firstBlockChannels)}-expand:${L.firstBlockChannels}-kernel:3-stride:1-idskip:1-se:0-hs:0`,
  ];
  let cin: number = L.firstBlockChannels;
  for (let i = 0; i < OFA_SLOTS; i++) {
    if (n.ks[i] === 0) continue;
    const st = L.stages[Math.floor(i / 4)] as (typeof L.stages)[number];
    const first = i % 4 === 0;
    const stride = first ? st.stride : 1;
    const out = Math.floor((f - 1) / stride) + 1;
    keys.push(
      `expanded_conv-input:${shape(f, f, cin)}-output:${shape(out, out, st.width)}-expand:${cin * (n.e[i] as number)}-kernel:${n.ks[i]}-stride:${stride}-idskip:${first ? 0 : 1}-se:${st.se ? 1 : 0}-hs:${st.hswish ? 1 : 0}`,
    );
    cin = st.width;
    f = out;
  }
  keys.push(
    `Conv_1-input:${shape(f, f, cin)}-output:${shape(f, f, L.finalExpand)}`,
    `AvgPool2D-input:${shape(f, f, L.finalExpand)}-output:${shape(1, 1, L.finalExpand)}`,
    `Conv_2-input:${shape(1, 1, L.finalExpand)}-output:${shape(1, 1, L.featureMix)}`,
    `Logits-input:${shape(1, 1, L.featureMix)}-output:${L.classes}`,
  );
  return keys;
}
