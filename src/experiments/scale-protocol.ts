/**
 * The scaling-up protocols (`npm run eval -- --protocol scale`): the
 * device-aware predictor trained once on a pool of devices and judged on
 * unseen devices described by their reference latencies, against
 * `proxy-ensemble-bagged` on the same rows and seeds.
 *
 * - dissimilar pools (`DISSIMILAR_SPLITS`): NASFLAT's NAS-Bench-201 splits
 *   rebuilt on `oneproxy-nb201` joined with `help-nb201` (their 1,999 shared
 *   architectures), and two of our own, where no pool device ranks like the
 *   targets; K = 5, 10, 20 stratified samples.
 * - `help`: HELP's NAS-Bench-201 split (9 training devices, 4 validation
 *   devices for early stopping, 6 test devices), the 10 reference
 *   architectures as the only target measurements (K = 10), and HELP's
 *   code-level setting: the references plus 10 random architectures (K = 20).
 */
import { adaptContext, adaptTarget } from "../adapt/adapt.js";
import type { AdaptMethod } from "../adapt/method.js";
import type { FetchOptions } from "../data/fetch.js";
import type { LatencyTable } from "../data/latency-table.js";
import { loadTable } from "../data/load.js";
import { deriveSeed, seededRng, shuffled } from "../random.js";
import type { DeviceAwareOptions, SyntheticTraining } from "../scale/device-aware-predictor.js";
import { deviceAwareModel } from "../scale/model-cache.js";
import { referenceRows, type ReferenceChoice, type ReferenceSource } from "../scale/references.js";
import { spearman } from "../stats/correlation.js";
import { PROTOCOLS } from "./adapt-protocols.js";

/** A pool / validation / test split of devices. */
export interface ScaleSplit {
  readonly name: string;
  readonly dataset: string;
  readonly pool: readonly string[];
  readonly validation: readonly string[];
  readonly targets: readonly string[];
}

/**
 * The splits of the scale protocol.
 *
 * @example
 * ```ts
 * SCALE_SPLITS.help.validation; // ["titanx_1", "titanx_32", "titanx_256", "gold_6240"]
 * ```
 */
export const SCALE_SPLITS: Readonly<Record<"help" | "help-ofa" | "ofa-batch", ScaleSplit>> = {
  help: {
    name: "help",
    dataset: "help-nb201",
    pool: PROTOCOLS.help.proxies,
    // HELP's meta-validation devices (its scripts' --meta_valid_devices): early stopping only
    validation: ["titanx_1", "titanx_32", "titanx_256", "gold_6240"],
    targets: PROTOCOLS.help.targets,
  },
  // Once-for-All (help-ofa, 12 GPU settings): HELP's OFA split (its scripts' meta-train / meta-valid / meta-test devices)
  "help-ofa": {
    name: "help-ofa",
    dataset: "help-ofa",
    pool: ["2080ti_1", "2080ti_32", "2080ti_64", "titan_xp_1", "titan_xp_32", "titan_xp_64", "v100_1", "v100_32", "v100_64"],
    validation: ["titan_rtx_1", "titan_rtx_32"],
    targets: ["titan_rtx_64"],
  },
  // Once-for-All, train on batch sizes 1 and 32, test on 64
  "ofa-batch": {
    name: "ofa-batch",
    dataset: "help-ofa",
    pool: ["2080ti_1", "2080ti_32", "titan_xp_1", "titan_xp_32", "v100_1", "v100_32"],
    validation: ["titan_rtx_1", "titan_rtx_32"],
    targets: ["2080ti_64", "titan_xp_64", "v100_64", "titan_rtx_64"],
  },
};

/** What the target is measured on: the references alone, or the references plus this many random architectures. */
export type ScaleSetting = { readonly name: "references"; readonly extra: 0 } | { readonly name: "references+random"; readonly extra: number };

/**
 * The settings of the HELP split: the 10 references (K = 10), and HELP's code-level references + 10 random (K = 20).
 *
 * @example
 * ```ts
 * SCALE_SETTINGS.map((s) => s.name); // ["references", "references+random"]
 * ```
 */
export const SCALE_SETTINGS: readonly ScaleSetting[] = [
  { name: "references", extra: 0 },
  { name: "references+random", extra: 10 },
];

/** The methods compared: the device-aware blend, its device model alone, the bagged proxy adaptation and the operation-count ridge (no device knowledge) on the same rows. */
export type ScaleMethod = "device-aware" | "device model alone" | AdaptMethod;

/** One (split, target, setting, method, seed) result. */
export interface ScaleRun {
  readonly split: string;
  readonly target: string;
  readonly setting: ScaleSetting["name"];
  /** Where the reference set comes from (HELP's, or ours chosen greedily on the pool). */
  readonly references: ReferenceSource;
  readonly k: number;
  readonly method: ScaleMethod;
  readonly seed: number;
  readonly srcc: number;
}

/** One trained model of the protocol. */
export interface ScaleTraining {
  readonly seed: number;
  /** Training time as measured when the model was trained (a cached model keeps its own). */
  readonly ms: number;
  readonly epochs: number;
}

/** Options of {@link runScaleProtocol}. */
export interface ScaleProtocolOptions extends Pick<FetchOptions, "mirror" | "cacheDir"> {
  readonly seeds?: number;
  readonly table?: LatencyTable;
  /** Folder of the model cache (default the user cache's `models/`); `false` retrains every seed. */
  readonly modelCache?: string | false;
  /** Model settings (default the predictor's: 1 member of [128, 128], 60 epochs, patience 10). */
  readonly training?: Pick<DeviceAwareOptions, "hidden" | "epochs" | "patience" | "members" | "synthetic">;
  /** The reference set (default `auto`: HELP's where the table holds it, else stratified); `greedy` chooses it on the pool and validation devices. */
  readonly references?: ReferenceChoice;
  readonly onProgress?: (line: string) => void;
}

/**
 * Runs a split: per seed, the pool's device-aware model (trained, or loaded
 * from the cache), then every target in every setting with each method of {@link ScaleMethod}.
 *
 * @example
 * ```ts
 * const { runs, training } = await runScaleProtocol(SCALE_SPLITS.help, { seeds: 3 });
 * ```
 */
export async function runScaleProtocol(split: ScaleSplit, options: ScaleProtocolOptions = {}): Promise<{ runs: ScaleRun[]; training: ScaleTraining[] }> {
  const fetch: FetchOptions = { ...(options.mirror !== undefined ? { mirror: options.mirror } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
  const table = options.table ?? (await loadTable(split.dataset, fetch));
  const choice = options.references ?? "auto";
  const { rows: refs, source } = await referenceRows(table, { pool: choice === "greedy" ? [...split.pool, ...(split.validation ?? [])] : split.pool, choice, ...fetch });
  const seeds = options.seeds ?? 10;
  const runs: ScaleRun[] = [];
  const training: ScaleTraining[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const model = await deviceAwareModel(table, {
      pool: split.pool,
      validation: split.validation,
      references: refs,
      seed,
      ...options.training,
      ...(options.modelCache === false ? { cache: false } : options.modelCache ? { cacheDir: options.modelCache } : {}),
    });
    training.push({ seed, ms: model.training.ms, epochs: model.training.epochs });
    const ctx = adaptContext(table, split.pool, { deviceModel: model });
    for (const target of split.targets) {
      const lat = table.latency(target);
      for (const setting of SCALE_SETTINGS) {
        const extra = setting.extra > 0 ? extraRows(table, lat, refs, setting.extra, seed) : [];
        const rows = [...refs, ...extra];
        const k = rows.length;
        const measure = (r: number) => lat[r] as number;
        const push = (method: ScaleMethod, predictions: Float64Array) => runs.push({ split: split.name, target, setting: setting.name, references: source, k, method, seed, srcc: spearman(predictions, lat).value });
        push("device-aware", adaptTarget(ctx, measure, { samples: k, rows, method: "device-aware", seed, target }).predictions);
        push("proxy-ensemble-bagged", adaptTarget(ctx, measure, { samples: k, rows, seed, target }).predictions);
        push("operation-counts", adaptTarget(ctx, measure, { samples: k, rows, method: "operation-counts", seed, target }).predictions);
        if (setting.extra === 0) push("device model alone", model.predictLog(refs.map(measure)));
      }
    }
    options.onProgress?.(`scale: ${split.name} seed ${seed} done (model ${(model.training.ms / 1000).toFixed(1)} s, ${model.training.epochs} epochs)`);
  }
  return { runs, training };
}

/** `count` random rows with a valid target latency outside the references (seeded: HELP's code-level extra samples). */
function extraRows(table: LatencyTable, lat: Float64Array, refs: readonly number[], count: number, seed: number): number[] {
  const taken = new Set(refs);
  const candidates = Array.from({ length: table.rows }, (_, r) => r).filter((r) => !taken.has(r) && !Number.isNaN(lat[r] as number));
  return shuffled(seededRng(deriveSeed(seed, "scale-extra")), candidates).slice(0, count);
}

/** Mean SRCC per (target, setting, reference set, method) over seeds. */
export interface ScaleSummary {
  readonly target: string;
  readonly setting: ScaleSetting["name"];
  readonly references: ReferenceSource;
  readonly k: number;
  readonly method: ScaleMethod;
  readonly seeds: number;
  readonly srcc: number;
}

/**
 * Means over seeds.
 *
 * @example
 * ```ts
 * summariseScale(runs).filter((s) => s.method === "device-aware");
 * ```
 */
export function summariseScale(runs: readonly ScaleRun[]): ScaleSummary[] {
  const groups = new Map<string, ScaleRun[]>();
  for (const r of runs) {
    const key = JSON.stringify([r.target, r.setting, r.references, r.method]);
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((g) => {
    const f = g[0] as ScaleRun;
    return { target: f.target, setting: f.setting, references: f.references, k: f.k, method: f.method, seeds: g.length, srcc: g.reduce((a, r) => a + r.srcc, 0) / g.length };
  });
}

/**
 * A split of the joined NAS-Bench-201 table whose pool ranks unlike its
 * targets. `dropped` names the devices of the published split that are not in
 * the public data read here.
 */
export interface DissimilarSplit {
  readonly name: string;
  readonly pool: readonly string[];
  readonly targets: readonly string[];
  readonly dropped: readonly string[];
}

/**
 * The dissimilar-pool splits. NASFLAT's N0..N5 with its HW-NAS-Bench and
 * BRP-NAS device names mapped to the columns here (`embedded_tpu_edge_tpu_int8`
 * -> `rice_edgetpu`, `desktop_gpu_gtx_1080ti_fp32` -> `eagle_gtx`,
 * `desktop_cpu_core_i7_7820x_fp32` -> `eagle_i7`, `embedded_gpu_jetson_nano_fp16`
 * / `_fp32` -> `eagle_jetson_16` / `eagle_jetson`, the Snapdragon 855 CPU, GPU and
 * DSP -> `eagle_cpu_855`, `eagle_gpu_855`, `eagle_dsp_855`; the Snapdragon 675
 * devices are not public here and are dropped), then `gpus-to-others` (HELP's
 * GPUs -> CPUs, phones, FPGA, Eyeriss) and `edge-to-gpus` (phones and edge
 * devices -> GPUs).
 *
 * @example
 * ```ts
 * DISSIMILAR_SPLITS.find((s) => s.name === "N1")?.dropped; // ["mobile_gpu_snapdragon_675_adreno_612_int8"]
 * ```
 */
export const DISSIMILAR_SPLITS: readonly DissimilarSplit[] = [
  { name: "N0", pool: PROTOCOLS.help.proxies, targets: PROTOCOLS.help.targets, dropped: [] },
  { name: "N1", pool: ["rice_edgetpu", "eyeriss", "eagle_gpu_855", "pixel3"], targets: ["1080ti_1", "titan_rtx_32", "titanxp_1", "2080ti_32", "titan_rtx_1"], dropped: ["mobile_gpu_snapdragon_675_adreno_612_int8"] },
  { name: "N2", pool: ["1080ti_1", "1080ti_32", "titanx_32", "titanxp_1", "titanxp_32"], targets: ["eagle_jetson_16", "rice_edgetpu", "eagle_dsp_855", "pixel3"], dropped: ["mobile_dsp_snapdragon_675_hexagon_685_int8"] },
  { name: "N3", pool: ["eagle_gtx", "eagle_jetson_16", "eyeriss", "eagle_gpu_855"], targets: ["1080ti_1", "2080ti_1", "titanxp_1", "2080ti_32", "titanxp_32"], dropped: ["mobile_dsp_snapdragon_675_hexagon_685_int8"] },
  {
    name: "N4",
    pool: ["eagle_i7", "eagle_jetson", "rice_edgetpu", "eyeriss", "eagle_cpu_855", "eagle_dsp_855", "eagle_gpu_855", "pixel2"],
    targets: ["1080ti_1", "2080ti_1", "titan_rtx_1"],
    dropped: ["mobile_dsp_snapdragon_675_hexagon_685_int8", "mobile_gpu_snapdragon_675_adreno_612_int8"],
  },
  {
    name: "N5",
    pool: ["titan_rtx_1", "titan_rtx_32", "titanxp_1", "2080ti_1", "titanx_1", "1080ti_1", "titanx_32", "titanxp_32", "2080ti_32", "1080ti_32", "gold_6226", "samsung_s7", "silver_4114", "gold_6240", "silver_4210r", "samsung_a50", "pixel2"],
    targets: ["eyeriss", "eagle_gtx", "rice_edgetpu"],
    dropped: [],
  },
  {
    name: "gpus-to-others",
    pool: ["1080ti_1", "1080ti_32", "2080ti_1", "2080ti_32", "titan_rtx_1", "titan_rtx_32", "titanx_1", "titanxp_1"],
    targets: ["gold_6226", "silver_4114", "eagle_i7", "pixel2", "samsung_a50", "fpga", "eyeriss"],
    dropped: [],
  },
  { name: "edge-to-gpus", pool: ["pixel2", "pixel3", "samsung_a50", "samsung_s7", "essential_ph_1", "raspi4", "fpga", "eyeriss"], targets: ["titan_rtx_256", "2080ti_1", "titanxp_1", "1080ti_256"], dropped: [] },
];

/**
 * Sample counts of the dissimilar-pool protocol.
 *
 * @example
 * ```ts
 * DISSIMILAR_KS; // [5, 10, 20]
 * ```
 */
export const DISSIMILAR_KS: readonly number[] = [5, 10, 20];

/**
 * The operator-cost synthetic devices the dissimilar-pool protocol's third
 * method trains on beside the pool (`device-aware + operator-cost devices`).
 * Scratch, 3 seeds, K = 20, mean over the 8 splits: `device-aware` 0.904
 * with the pool alone, 0.912 with 50 devices of 300 rows, 0.913 with 100 of
 * 500 (about 2.5 times the training rows and time).
 *
 * @example
 * ```ts
 * DISSIMILAR_SYNTHETIC; // { count: 50, rowsPerDevice: 300 }
 * ```
 */
export const DISSIMILAR_SYNTHETIC: SyntheticTraining = { count: 50, rowsPerDevice: 300 };

/**
 * The methods of the dissimilar-pool protocol: the device-aware model trained
 * on the pool alone or beside operator-cost devices, the bagged proxy
 * adaptation, and the operation-count ridge (the samples alone, no device).
 *
 * @example
 * ```ts
 * runs.filter((r) => r.method === DISSIMILAR_METHODS[1]); // the model trained beside synthetic devices
 * ```
 */
export const DISSIMILAR_METHODS = ["device-aware", "device-aware + operator-cost devices", "proxy-ensemble-bagged", "operation-counts"] as const;

/** One (split, target, K, method, seed) result of the dissimilar-pool protocol. */
export interface DissimilarRun {
  readonly split: string;
  readonly rows: number;
  readonly target: string;
  readonly k: number;
  readonly method: (typeof DISSIMILAR_METHODS)[number];
  readonly seed: number;
  readonly srcc: number;
}

/**
 * `oneproxy-nb201` joined with `help-nb201` on their shared architectures (1,999 rows).
 *
 * @example
 * ```ts
 * (await loadJoinedNb201()).rows; // 1999
 * ```
 */
export async function loadJoinedNb201(options: Pick<FetchOptions, "mirror" | "cacheDir"> = {}): Promise<LatencyTable> {
  const [op, help] = await Promise.all([loadTable("oneproxy-nb201", options), loadTable("help-nb201", options)]);
  return op.join(help);
}

/**
 * The rows of the joined table on which every device of the split has a
 * latency (the rows the split's protocols judge on).
 *
 * @example
 * ```ts
 * dissimilarSplitTable(await loadJoinedNb201(), DISSIMILAR_SPLITS[1]).rows; // 1740
 * ```
 */
export function dissimilarSplitTable(joined: LatencyTable, split: DissimilarSplit): LatencyTable {
  const cols = [...split.pool, ...split.targets].map((d) => joined.latencyView(d));
  return joined.selectRows(Array.from({ length: joined.rows }, (_, r) => r).filter((r) => cols.every((c) => !Number.isNaN(c[r] as number))));
}

/**
 * Runs the dissimilar-pool splits: per split, the rows where every device of
 * the split has a latency; per seed, the pool's device-aware models (10
 * stratified reference rows, early stopping on 10% of the training rows), one
 * trained on the pool alone and one beside `DISSIMILAR_SYNTHETIC`
 * operator-cost devices (or `training.synthetic`), then each target at each K
 * with each of `DISSIMILAR_METHODS` on the same stratified samples.
 *
 * @example
 * ```ts
 * const runs = await runDissimilarProtocol({ seeds: 3 });
 * ```
 */
export async function runDissimilarProtocol(options: ScaleProtocolOptions & { readonly splits?: readonly DissimilarSplit[]; readonly ks?: readonly number[] } = {}): Promise<DissimilarRun[]> {
  const fetch: FetchOptions = { ...(options.mirror !== undefined ? { mirror: options.mirror } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
  const joined = options.table ?? (await loadJoinedNb201(fetch));
  const seeds = options.seeds ?? 10;
  const runs: DissimilarRun[] = [];
  for (const split of options.splits ?? DISSIMILAR_SPLITS) {
    const table = dissimilarSplitTable(joined, split);
    for (let seed = 0; seed < seeds; seed++) {
      const refs = (await referenceRows(table, { pool: split.pool, seed, choice: options.references ?? "auto", ...fetch })).rows;
      const cache = options.modelCache === false ? { cache: false } : options.modelCache ? { cacheDir: options.modelCache } : {};
      const { synthetic, ...training } = options.training ?? {};
      const model = await deviceAwareModel(table, { pool: split.pool, references: refs, seed, ...training, ...cache });
      const synthModel = await deviceAwareModel(table, { pool: split.pool, references: refs, seed, ...training, synthetic: synthetic ?? DISSIMILAR_SYNTHETIC, ...cache });
      const contexts = { "device-aware": adaptContext(table, split.pool, { deviceModel: model }), "device-aware + operator-cost devices": adaptContext(table, split.pool, { deviceModel: synthModel }) };
      for (const target of split.targets) {
        const lat = table.latency(target);
        for (const k of options.ks ?? DISSIMILAR_KS) {
          for (const method of DISSIMILAR_METHODS) {
            const ctx = method === "proxy-ensemble-bagged" || method === "operation-counts" ? contexts["device-aware"] : contexts[method];
            const a = adaptTarget(ctx, (r) => lat[r] as number, { samples: k, method: method === "proxy-ensemble-bagged" || method === "operation-counts" ? method : "device-aware", seed, target });
            runs.push({ split: split.name, rows: table.rows, target, k, method, seed, srcc: spearman(a.predictions, lat).value });
          }
        }
      }
    }
    options.onProgress?.(`scale: dissimilar split ${split.name} done (${table.rows} rows)`);
  }
  return runs;
}
