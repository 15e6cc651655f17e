/**
 * The registered public datasets: their files (paths in the mirror layout),
 * where each file is published, and its SHA-256 (see `checksums.ts`).
 */
import { NotFoundError } from "../errors.js";
import { FILE_CHECKSUMS } from "./checksums.js";

/** What a dataset loads as. */
export type DatasetKind = "latency" | "accuracy" | "lookup-table" | "weights";

/** One registered file. */
export interface DatasetFile {
  /** Path in the mirror / cache layout, e.g. `help/nasbench201/latency/pixel3.pt`. */
  readonly path: string;
  /** Public source URL. */
  readonly url: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** A registered dataset. */
export interface DatasetInfo {
  readonly name: string;
  readonly kind: DatasetKind;
  readonly description: string;
  /** Rows x columns, as published. */
  readonly shape: string;
  readonly license: string;
  readonly files: readonly DatasetFile[];
  /** For a dataset shipped inside the package (measured by this project): its path from the package root; nothing is downloaded. */
  readonly embedded?: string;
}

/** Where the mirror's folders are published: repository, commit, folder. */
const SOURCES: readonly { prefix: string; repo: string; commit: string; path: string }[] = [
  { prefix: "help/nasbench201/", repo: "HayeonLee/HELP", commit: "45f70eb", path: "data/nasbench201/" },
  { prefix: "help/ofa/", repo: "HayeonLee/HELP", commit: "45f70eb", path: "data/ofa/" },
  { prefix: "oneproxy/latency_data/", repo: "Ren-Research/OneProxy", commit: "e3c9b2c", path: "latency_data/" },
  { prefix: "oneproxy/", repo: "Ren-Research/OneProxy", commit: "e3c9b2c", path: "" },
  { prefix: "nats-bench/", repo: "v-tao/nats-bench-landscape", commit: "b307ae5", path: "" },
  { prefix: "ofa/proxylessnas/", repo: "han-cai/files", commit: "a7c9bcd", path: "proxylessnas/" },
  { prefix: "ofa/", repo: "han-cai/files", commit: "a7c9bcd", path: "ofa/" },
];

/**
 * The public URL of a mirror path.
 *
 * @example
 * ```ts
 * sourceUrl("help/nasbench201/latency/pixel3.pt"); // "https://github.com/HayeonLee/HELP/raw/45f70eb/data/nasbench201/latency/pixel3.pt"
 * ```
 */
export function sourceUrl(path: string): string {
  const s = SOURCES.find((x) => path.startsWith(x.prefix));
  if (!s) throw new NotFoundError(`sourceUrl: no public source is registered for ${path}`);
  return `https://github.com/${s.repo}/raw/${s.commit}/${s.path}${path.slice(s.prefix.length)}`;
}

function files(match: (path: string) => boolean): DatasetFile[] {
  return Object.entries(FILE_CHECKSUMS)
    .filter(([p]) => match(p))
    .map(([path, c]) => ({ path, url: sourceUrl(path), sha256: c.sha256, bytes: c.bytes }));
}

const under = (dir: string, ext: string) => (p: string) => p.startsWith(dir) && p.endsWith(ext) && !p.slice(dir.length).includes("/");

const DATASETS: readonly DatasetInfo[] = [
  {
    name: "help-nb201",
    kind: "latency",
    description: "HELP's NAS-Bench-201 latencies: 27 devices (GPUs at batch 1/32/256, CPUs, phones, Raspberry Pi 4, FPGA, Eyeriss), in ms",
    shape: "15,625 x 27",
    license: "MIT",
    files: files((p) => under("help/nasbench201/latency/", ".pt")(p) || p === "help/nasbench201/str_arch2idx.pt" || p === "help/nasbench201/hardware_embedding_index.pt"),
  },
  {
    name: "help-ofa",
    kind: "latency",
    description: "HELP's Once-for-All MobileNetV3 latencies: 12 GPU settings (device x batch size), in ms",
    shape: "5,000 x 12",
    license: "MIT",
    files: files((p) => under("help/ofa/latency/", ".pt")(p) || p === "help/ofa/ofa_archs.pt" || p === "help/ofa/hardware_embedding_index.pt"),
  },
  {
    name: "oneproxy-nb201",
    kind: "latency",
    description: "OneProxy's NAS-Bench-201 latencies: 18 devices (HW-NAS-Bench rice_*, BRP-NAS eagle_*, nn-Meter true_*), in ms; rows mapped to the NAS-Bench-201 index by their encoding",
    shape: "1,999 x 18",
    license: "MIT",
    files: files((p) => under("oneproxy/latency_data/", ".pickle")(p) || p === "oneproxy/encode.pickle" || p === "help/nasbench201/str_arch2idx.pt"),
  },
  {
    name: "nb201-accuracy",
    kind: "accuracy",
    description: "NATS-Bench topology accuracies: CIFAR-10, CIFAR-100, ImageNet16-120 test accuracy (%) after 200 epochs, mean over seeds",
    shape: "15,625 x 3",
    license: "see v-tao/nats-bench-landscape",
    files: files((p) => p === "nats-bench/nats_bench.csv"),
  },
  {
    name: "local-nb201",
    kind: "latency",
    description: "Measured by proxynas itself (proxynas measure): NAS-Bench-201 architectures stratified by FLOPs, HELP's 10 reference architectures included, on TensorFlow.js runtimes (wasm in Node, headless Chromium and headless Firefox; WebGL in headless Chromium), in ms, each re-measured on 100 architectures with a repeat SRCC of at least 0.98; metadata in its JSON sidecar. Ships with the package: no download",
    shape: "500 x 4",
    license: "MIT",
    files: [],
    embedded: "datasets/local-nb201.csv",
  },
  {
    name: "local-ofa",
    kind: "latency",
    description: "Measured by proxynas itself (proxynas measure): 300 seeded uniform Once-for-All MobileNetV3 subnets (resolution 128-224, step 4) on the same TensorFlow.js runtimes as local-nb201 (wasm in Node, headless Chromium and headless Firefox; WebGL in headless Chromium), in ms, each re-measured on 100 subnets with a repeat SRCC of at least 0.98; metadata in its JSON sidecar. Ships with the package: no download",
    shape: "300 x 4",
    license: "MIT",
    files: [],
    embedded: "datasets/local-ofa.csv",
  },
  {
    name: "local-proxyless",
    kind: "latency",
    description: "Measured by proxynas itself (proxynas measure): 300 ProxylessNAS (MobileNet-V2-based) networks at 224 x 224, seeded and stratified by log FLOPs (109-540 MFLOPs), on the same TensorFlow.js runtimes as local-nb201 (wasm in Node, headless Chromium and headless Firefox; WebGL in headless Chromium), in ms, each re-measured on 100 networks with a repeat SRCC of at least 0.98; metadata in its JSON sidecar. Ships with the package: no download",
    shape: "300 x 4",
    license: "MIT",
    files: [],
    embedded: "datasets/local-proxyless.csv",
  },
  {
    name: "ofa-note10-lut",
    kind: "lookup-table",
    description: "Once-for-All latency lookup tables of a Samsung Note10, per input resolution (160, 176, 192, 208, 224): layer key -> mean/std ms",
    shape: "5 tables",
    license: "see han-cai/files",
    files: files(under("ofa/note10/", ".yaml")),
  },
  {
    name: "proxylessnas-mobile-lut",
    kind: "lookup-table",
    description: "ProxylessNAS mobile latency lookup table (224 px): layer key -> mean/var ms",
    shape: "1 table",
    license: "see han-cai/files",
    files: files((p) => p === "ofa/proxylessnas/mobile_trim.yaml"),
  },
  {
    name: "ofa-accuracy-predictor",
    kind: "weights",
    description: "Once-for-All MobileNetV3 accuracy predictor weights: MLP 128-400-400-400-1 (ReLU)",
    shape: "8 tensors",
    license: "see han-cai/files",
    files: files((p) => p === "ofa/acc_predictor.pth"),
  },
];

/** Names of the registered datasets. */
export const DATASET_NAMES: readonly string[] = DATASETS.map((d) => d.name);

/**
 * All registered datasets.
 *
 * @example
 * ```ts
 * listDatasets().map((d) => d.name); // ["help-nb201", "help-ofa", ...]
 * ```
 */
export function listDatasets(): readonly DatasetInfo[] {
  return DATASETS;
}

/**
 * One registered dataset.
 *
 * @throws {NotFoundError} listing the registered names
 *
 * @example
 * ```ts
 * datasetInfo("help-nb201").files.length;
 * ```
 */
export function datasetInfo(name: string): DatasetInfo {
  const d = DATASETS.find((x) => x.name === name);
  if (!d) throw new NotFoundError(`dataset ${JSON.stringify(name)} is not registered; datasets: ${DATASET_NAMES.join(", ")}`);
  return d;
}
