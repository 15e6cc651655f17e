/**
 * torch checkpoints read as data: the zip format (`<archive>/data.pkl` plus
 * `<archive>/data/<key>` storages) and the legacy pre-zip format (a sequence of
 * pickles followed by raw storages). Tensors come back as {@link Tensor}s:
 * a typed array in row-major order, with the shape.
 */
import { readFile } from "node:fs/promises";
import { unzipSync } from "fflate";
import { InvalidDataError } from "../errors.js";
import { unpickle, type PyValue, type Reconstructor } from "./pickle.js";

/** Element types of torch storages, by storage class. */
/** Tensor element types. float16/bfloat16 are widened to float32 data. */
export type TensorDtype = "float32" | "float64" | "float16" | "bfloat16" | "int64" | "int32" | "int16" | "int8" | "uint8" | "bool";

const STORAGES = {
  FloatStorage: { dtype: "float32", size: 4 },
  DoubleStorage: { dtype: "float64", size: 8 },
  HalfStorage: { dtype: "float16", size: 2 },
  BFloat16Storage: { dtype: "bfloat16", size: 2 },
  LongStorage: { dtype: "int64", size: 8 },
  IntStorage: { dtype: "int32", size: 4 },
  ShortStorage: { dtype: "int16", size: 2 },
  CharStorage: { dtype: "int8", size: 1 },
  ByteStorage: { dtype: "uint8", size: 1 },
  BoolStorage: { dtype: "bool", size: 1 },
} as const satisfies Record<string, { readonly dtype: TensorDtype; readonly size: number }>;

type StorageClass = keyof typeof STORAGES;

/** A tensor read from a torch file. */
export interface Tensor {
  readonly kind: "tensor";
  readonly dtype: TensorDtype;
  readonly shape: readonly number[];
  readonly data: Float32Array | Float64Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;
}

/** Whether a value is a {@link Tensor}. */
export function isTensor(v: unknown): v is Tensor {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "tensor";
}

class StorageRef {
  constructor(
    readonly cls: StorageClass,
    readonly key: string,
    readonly numel: number,
    readonly bytes: Uint8Array,
  ) {}
}

const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;

function storageClass(file: string, t: unknown): StorageClass {
  const name = (typeof t === "object" || typeof t === "function") && t !== null ? (t as { storageClass?: unknown }).storageClass : undefined;
  if (typeof name === "string" && name in STORAGES) return name as StorageClass;
  throw new InvalidDataError(`readTorch: ${file}: unknown storage type ${JSON.stringify(name ?? t)}; supported: ${Object.keys(STORAGES).join(", ")}`);
}

/**
 * Most elements one tensor may have (2^27: 1 GiB of float64) unless the
 * caller raises it: a view with stride 0 can declare billions of elements
 * over a storage of one, and typed arrays live outside the JS heap, where
 * no Node flag bounds them.
 */
const MAX_TENSOR_ELEMENTS = 2 ** 27;

/** Options of {@link readTorch} (and `parseTorch`). */
export interface TorchReadOptions {
  /** Most elements one tensor may have (default 2^27, `MAX_TENSOR_ELEMENTS`). */
  readonly maxElements?: number;
}

/** torch globals that only rebuild tensors and name storage types. */
function torchGlobals(file: string, maxElements = MAX_TENSOR_ELEMENTS): Record<string, Reconstructor> {
  const g: Record<string, Reconstructor> = {};
  for (const cls of Object.keys(STORAGES)) {
    // A pickle names a storage class uncalled (inside a storage reference), or calls it.
    g[`torch ${cls}`] = Object.assign(() => ({ storageClass: cls }), { storageClass: cls });
  }
  const rebuild: Reconstructor = (args) => {
    const [storage, offset, size, stride] = args;
    if (!(storage instanceof StorageRef)) throw new Error("tensor rebuild without a storage");
    if (typeof offset !== "number" || !Array.isArray(size) || !Array.isArray(stride)) throw new Error("tensor rebuild with malformed offset/size/stride");
    return materialise(file, storage, offset, size as number[], stride as number[], maxElements);
  };
  g["torch._utils _rebuild_tensor_v2"] = rebuild;
  g["torch._utils _rebuild_tensor"] = rebuild;
  g["torch._utils _rebuild_parameter"] = (args) => args[0];
  return g;
}

function materialise(file: string, s: StorageRef, offset: number, shape: number[], stride: number[], maxElements: number): Tensor {
  const spec = STORAGES[s.cls];
  if (!shape.every((n) => Number.isInteger(n) && n >= 0) || !stride.every((n) => Number.isInteger(n) && n >= 0) || stride.length !== shape.length) throw new InvalidDataError(`readTorch: ${file}: tensor of shape [${shape}] with stride [${stride}]: expected as many non-negative integer strides as dimensions`);
  const numel = shape.reduce((a, b) => a * b, 1);
  if (numel > maxElements) throw new InvalidDataError(`readTorch: ${file}: a tensor of shape [${shape}] has ${numel} elements (storage ${s.key} holds ${s.numel}), over the limit of ${maxElements}; pass { maxElements } to readTorch to read it`);
  if (s.bytes.length < s.numel * spec.size) throw new InvalidDataError(`readTorch: ${file}: storage ${s.key} holds ${s.bytes.length} bytes, expected ${s.numel * spec.size} (${s.numel} x ${spec.dtype}): truncated`);
  let maxIndex = offset;
  shape.forEach((n, i) => (maxIndex += (n - 1) * (stride[i] ?? 0)));
  if (numel > 0 && (maxIndex >= s.numel || offset < 0)) throw new InvalidDataError(`readTorch: ${file}: tensor of shape [${shape}] at offset ${offset} reads past storage ${s.key} (${s.numel} elements)`);
  const view = new DataView(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength);
  const out = allocate(spec.dtype, numel);
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < numel; k++) {
    let src = offset;
    for (let d = 0; d < shape.length; d++) src += (idx[d] as number) * (stride[d] as number);
    write(out, k, view, src * spec.size, spec.dtype);
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (shape[d] as number)) break;
      idx[d] = 0;
    }
  }
  return { kind: "tensor", dtype: spec.dtype, shape: [...shape], data: out };
}

function allocate(dtype: TensorDtype, n: number): Tensor["data"] {
  switch (dtype) {
    case "float32":
    case "float16":
    case "bfloat16":
      return new Float32Array(n);
    case "float64":
      return new Float64Array(n);
    case "int64":
      return new BigInt64Array(n);
    case "int32":
      return new Int32Array(n);
    case "int16":
      return new Int16Array(n);
    case "int8":
      return new Int8Array(n);
    case "uint8":
    case "bool":
      return new Uint8Array(n);
  }
}

function write(out: Tensor["data"], k: number, v: DataView, o: number, dtype: TensorDtype): void {
  switch (dtype) {
    case "float32":
      (out as Float32Array)[k] = v.getFloat32(o, true);
      return;
    case "float64":
      (out as Float64Array)[k] = v.getFloat64(o, true);
      return;
    case "float16":
      (out as Float32Array)[k] = half(v.getUint16(o, true));
      return;
    case "bfloat16":
      (out as Float32Array)[k] = new Float32Array(new Uint32Array([v.getUint16(o, true) << 16]).buffer)[0] as number;
      return;
    case "int64":
      (out as BigInt64Array)[k] = v.getBigInt64(o, true);
      return;
    case "int32":
      (out as Int32Array)[k] = v.getInt32(o, true);
      return;
    case "int16":
      (out as Int16Array)[k] = v.getInt16(o, true);
      return;
    case "int8":
      (out as Int8Array)[k] = v.getInt8(o);
      return;
    case "uint8":
      (out as Uint8Array)[k] = v.getUint8(o);
      return;
    case "bool":
      (out as Uint8Array)[k] = v.getUint8(o) ? 1 : 0;
      return;
  }
}

function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

function storagePid(file: string, pid: unknown): { cls: StorageClass; key: string; numel: number } {
  if (!Array.isArray(pid) || pid[0] !== "storage" || pid.length < 5) throw new InvalidDataError(`readTorch: ${file}: persistent id ${JSON.stringify(pid)} is not a storage reference`);
  const [, type, key, , numel] = pid as unknown[];
  if (typeof key !== "string" || typeof numel !== "number" || !Number.isInteger(numel) || numel < 0) throw new InvalidDataError(`readTorch: ${file}: malformed storage reference ${JSON.stringify(pid)}`);
  return { cls: storageClass(file, type), key, numel };
}

/**
 * Reads a torch checkpoint from bytes (zip or legacy format).
 *
 * @throws {InvalidDataError} naming the file for anything truncated, corrupt or of another format
 * @example
 * ```ts
 * const state = parseTorch(readFileSync("model.pth"), "model.pth") as Record<string, Tensor>;
 * ```
 */
export function parseTorch(bytes: Uint8Array, file = "<bytes>", options: TorchReadOptions = {}): PyValue {
  const maxElements = options.maxElements ?? MAX_TENSOR_ELEMENTS;
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return parseZip(bytes, file, maxElements);
  if (bytes.length >= 2 && bytes[0] === 0x80) return parseLegacy(bytes, file, maxElements);
  throw new InvalidDataError(`readTorch: ${file}: neither a torch zip checkpoint (starts "PK\\x03\\x04") nor a legacy torch file (starts with a pickle); got ${bytes.length} bytes starting ${JSON.stringify(Array.from(bytes.subarray(0, 4)))}`);
}

/**
 * A torch zip checkpoint: only the entries the pickle reads are inflated,
 * each at most as large as what reads it declares (the pickle, its tensors'
 * storages), so an unused or oversized entry costs nothing.
 */
function parseZip(bytes: Uint8Array, file: string, maxElements: number): PyValue {
  const unzip = (filter: (f: { name: string; originalSize: number }) => boolean): Record<string, Uint8Array> => {
    try {
      return unzipSync(bytes, { filter });
    } catch (e) {
      throw new InvalidDataError(`readTorch: ${file}: corrupt or truncated zip archive (${(e as Error).message}); expected a torch.save zip checkpoint`, { cause: e });
    }
  };
  const sizes = new Map<string, number>();
  unzip((f) => (sizes.set(f.name, f.originalSize), false));
  const pkl = [...sizes.keys()].find((n) => /^[^/]+\/data\.pkl$/.test(n));
  if (!pkl) throw new InvalidDataError(`readTorch: ${file}: zip holds no <archive>/data.pkl (entries: ${[...sizes.keys()].slice(0, 5).join(", ")}); not a torch checkpoint`);
  const pklBytes = (sizes.get(pkl) as number);
  if (pklBytes > MAX_PICKLE_BYTES) throw new InvalidDataError(`readTorch: ${file}: ${pkl} declares ${pklBytes} bytes, over the limit of ${MAX_PICKLE_BYTES} for a checkpoint's pickle`);
  const inflate = (name: string) => unzip((f) => f.name === name)[name];
  const prefix = pkl.slice(0, -"data.pkl".length);
  return unpickle(inflate(pkl) as Uint8Array, {
    file,
    globals: torchGlobals(file, maxElements),
    persistentLoad: (pid) => {
      const { cls, key, numel } = storagePid(file, pid);
      const name = `${prefix}data/${key}`;
      const declared = sizes.get(name);
      if (declared === undefined) throw new InvalidDataError(`readTorch: ${file}: storage ${name} is missing from the archive`);
      const need = numel * STORAGES[cls].size;
      if (declared > need) throw new InvalidDataError(`readTorch: ${file}: storage ${name} declares ${declared} bytes, but its reference needs ${need} (${numel} x ${STORAGES[cls].dtype})`);
      return new StorageRef(cls, key, numel, inflate(name) as Uint8Array);
    },
  }).value;
}

/** Largest pickle a zip checkpoint may hold: the structure, not the tensors' data. */
const MAX_PICKLE_BYTES = 64 * 2 ** 20;

function parseLegacy(bytes: Uint8Array, file: string, maxElements: number): PyValue {
  const magic = unpickle(bytes, { file });
  if (magic.value !== LEGACY_MAGIC) {
    throw new InvalidDataError(`readTorch: ${file}: pickle file without the legacy torch magic number; use readPickle for plain pickles`);
  }
  const proto = unpickle(bytes, { file, offset: magic.end });
  if (proto.value !== LEGACY_PROTOCOL) throw new InvalidDataError(`readTorch: ${file}: legacy torch protocol ${String(proto.value)}, expected ${LEGACY_PROTOCOL}`);
  const sysInfo = unpickle(bytes, { file, offset: proto.end });
  if ((sysInfo.value as { little_endian?: unknown } | null)?.little_endian === false) throw new InvalidDataError(`readTorch: ${file}: big-endian checkpoints are not supported`);
  // First pass: find where the main pickle ends and which storages it names.
  const named = new Map<string, { cls: StorageClass; numel: number }>();
  const skip = unpickle(bytes, {
    file,
    offset: sysInfo.end,
    globals: { ...torchGlobals(file), "torch._utils _rebuild_tensor_v2": () => null, "torch._utils _rebuild_tensor": () => null },
    persistentLoad: (pid) => {
      const { cls, key, numel } = storagePid(file, pid);
      named.set(key, { cls, numel });
      return null;
    },
  });
  const keys = unpickle(bytes, { file, offset: skip.end });
  if (!Array.isArray(keys.value) || !keys.value.every((k) => typeof k === "string")) throw new InvalidDataError(`readTorch: ${file}: the storage key list is malformed`);
  const storages = new Map<string, StorageRef>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = keys.end;
  for (const key of keys.value as string[]) {
    const info = named.get(key);
    if (!info) throw new InvalidDataError(`readTorch: ${file}: storage ${key} is listed but never referenced`);
    if (pos + 8 > bytes.length) throw new InvalidDataError(`readTorch: ${file}: truncated at byte ${pos}: storage ${key} header missing`);
    const numel = Number(view.getBigInt64(pos, true));
    const size = STORAGES[info.cls].size;
    if (numel !== info.numel) throw new InvalidDataError(`readTorch: ${file}: storage ${key} holds ${numel} elements, its reference says ${info.numel}`);
    const end = pos + 8 + numel * size;
    if (end > bytes.length) throw new InvalidDataError(`readTorch: ${file}: truncated: storage ${key} needs ${numel * size} bytes from byte ${pos + 8} but the file ends at byte ${bytes.length}`);
    storages.set(key, new StorageRef(info.cls, key, numel, bytes.subarray(pos + 8, end)));
    pos = end;
  }
  return unpickle(bytes, {
    file,
    offset: sysInfo.end,
    globals: torchGlobals(file, maxElements),
    persistentLoad: (pid) => storages.get(storagePid(file, pid).key) as StorageRef,
  }).value;
}

/**
 * Reads a torch checkpoint file (zip or legacy format) as plain data, tensors as {@link Tensor}s.
 *
 * @throws {InvalidDataError} naming the file when it is truncated, corrupt or not a torch file
 * @example
 * ```ts
 * const latencies = (await readTorch("help/nasbench201/latency/pixel3.pt")) as number[];
 * const state = (await readTorch("ofa/acc_predictor.pth")) as Record<string, Tensor>;
 * state["0.weight"].shape; // [400, 128]
 * ```
 */
export async function readTorch(path: string, options: TorchReadOptions = {}): Promise<PyValue> {
  return parseTorch(await readFile(path), path, options);
}
