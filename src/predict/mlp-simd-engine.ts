/**
 * MLP training on hand-written WebAssembly SIMD kernels (mlp-kernels.wat):
 * dense forward with bias and ReLU, the weight gradient, the input gradient
 * through ReLU, and Adam, on f32x4 lanes, in float32 like tfjs. The batch
 * gather and the loss gradient run in JavaScript on the module's memory. No
 * framework per-op overhead: on this machine it trains the benchmark MLP
 * about as fast as PyTorch on the CPU, several times faster than the
 * TensorFlow.js engine (`npm run bench`).
 */
import { EnvironmentError, InvalidArgumentError } from "../errors.js";
import { MLP_KERNELS_WASM } from "./mlp-kernels-wasm.js";
import { ADAM, type MlpData, type MlpEngine, type MlpEngineSettings, type MlpLayer } from "./mlp-engine.js";

/** The parts of the WebAssembly API used here (the project's TypeScript lib has no DOM, where it is declared). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: unknown };
}
const wasmApi = (): WasmApi | undefined => (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

interface Kernels {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  forward(a: number, b: number, bias: number, c: number, m: number, k: number, n: number, relu: number): void;
  gradW(a: number, d: number, gw: number, gb: number, m: number, k: number, n: number): void;
  transpose(w: number, t: number, k: number, n: number): void;
  reluMask(x: number, h: number, count: number): void;
  adam(p: number, g: number, m: number, v: number, count: number, lr: number, b1: number, b2: number, eps: number, c1: number, c2: number): void;
}

let bytes: Uint8Array | undefined;
function kernelBytes(): Uint8Array {
  if (!bytes) bytes = Uint8Array.from(atob(MLP_KERNELS_WASM), (c) => c.charCodeAt(0));
  return bytes;
}

/** Whether this JavaScript engine runs WebAssembly SIMD (Node 16.4+, current browsers). */
export function simdSupported(): boolean {
  const api = wasmApi();
  return api !== undefined && api.validate(kernelBytes());
}

/** A fresh kernel instance (its own memory). */
export function instantiateKernels(): Kernels {
  const api = wasmApi();
  if (!api) throw new EnvironmentError("WebAssembly is not available in this JavaScript engine");
  return new api.Instance(new api.Module(kernelBytes())).exports as Kernels;
}

/**
 * Starts the SIMD engine on a copy of `init` (the inputs are not mutated).
 *
 * @throws {EnvironmentError} when WebAssembly SIMD is not supported here
 * @throws {InvalidArgumentError} when the layers do not chain
 */
export function simdEngine(init: readonly MlpLayer[], train: MlpData, val: MlpData | undefined, settings: MlpEngineSettings): MlpEngine {
  if (!simdSupported()) throw new EnvironmentError(`MLP engine "simd": WebAssembly SIMD is not supported by this JavaScript engine; use engine "tfjs"`);
  init.forEach((L, l) => {
    if (L.w.length !== L.in * L.out || L.b.length !== L.out || (l > 0 && (init[l - 1] as MlpLayer).out !== L.in)) throw new InvalidArgumentError(`MLP engine "simd": layer ${l} does not chain (${L.in} x ${L.out})`);
  });
  const k = instantiateKernels();
  const sizes = [(init[0] as MlpLayer).in, ...init.map((L) => L.out)];
  const nLayers = init.length;
  const batch = settings.batchSize;
  const rowsMax = Math.max(batch, val?.rows ?? 0);
  // byte offsets in the module's memory, 16-byte aligned
  let top = 0;
  const alloc = (floats: number) => {
    const at = top;
    top = (top + floats * 4 + 15) & ~15;
    return at;
  };
  const xTrain = alloc(train.xs.length);
  const xVal = val ? alloc(val.xs.length) : 0;
  const paramStart = top;
  const w = init.map((L) => ({ w: alloc(L.in * L.out), b: alloc(L.out) }));
  const paramFloats = (top - paramStart) / 4;
  const gradStart = top;
  const g = init.map((L) => ({ w: alloc(L.in * L.out), b: alloc(L.out) }));
  const adamM = alloc(paramFloats);
  const adamV = alloc(paramFloats);
  const h = sizes.map((s) => alloc(rowsMax * s));
  const d = sizes.map((s) => alloc(rowsMax * s));
  // transposed weights (the input gradient d . w' runs through "forward") and a zero bias for it
  const wT = init.map((L) => alloc(L.in * L.out));
  const zeros = alloc(Math.max(...sizes));
  const missing = Math.ceil(top / 65536) - k.memory.buffer.byteLength / 65536;
  if (missing > 0) k.memory.grow(missing);
  const f = new Float32Array(k.memory.buffer);
  f.set(train.xs, xTrain / 4);
  if (val) f.set(val.xs, xVal / 4);
  init.forEach((L, l) => {
    f.set(L.w, (w[l] as { w: number }).w / 4);
    f.set(L.b, (w[l] as { b: number }).b / 4);
  });
  const g0 = gradStart / 4;
  let acc1 = 1;
  let acc2 = 1;
  const cols = train.cols;

  /** Forward pass of `m` rows already in h[0]; the output is at h[nLayers]. */
  const forward = (m: number) => {
    for (let l = 0; l < nLayers; l++) k.forward(h[l] as number, (w[l] as { w: number }).w, (w[l] as { b: number }).b, h[l + 1] as number, m, sizes[l] as number, sizes[l + 1] as number, l + 1 < nLayers ? 1 : 0);
  };

  return {
    name: "simd",
    async epoch(perm: Int32Array): Promise<number> {
      let lossSum = 0;
      const h0 = (h[0] as number) / 4;
      const out = (h[nLayers] as number) / 4;
      const dOut = (d[nLayers] as number) / 4;
      for (let start = 0; start < perm.length; start += batch) {
        const size = Math.min(batch, perm.length - start);
        for (let i = 0; i < size; i++) {
          const r = xTrain / 4 + (perm[start + i] as number) * cols;
          f.copyWithin(h0 + i * cols, r, r + cols);
        }
        forward(size);
        for (let i = 0; i < size; i++) {
          const e = (f[out + i] as number) - (train.ys[perm[start + i] as number] as number);
          lossSum += e * e;
          f[dOut + i] = (2 * e) / size;
        }
        f.fill(0, g0, g0 + paramFloats);
        for (let l = nLayers - 1; l >= 0; l--) {
          k.gradW(h[l] as number, d[l + 1] as number, (g[l] as { w: number }).w, (g[l] as { b: number }).b, size, sizes[l] as number, sizes[l + 1] as number);
          if (l > 0) {
            const nin = sizes[l] as number;
            const nout = sizes[l + 1] as number;
            k.transpose((w[l] as { w: number }).w, wT[l] as number, nin, nout);
            k.forward(d[l + 1] as number, wT[l] as number, zeros, d[l] as number, size, nout, nin, 0);
            k.reluMask(d[l] as number, h[l] as number, Math.ceil((size * nin) / 4) * 4);
          }
        }
        acc1 *= ADAM.beta1;
        acc2 *= ADAM.beta2;
        k.adam(paramStart, gradStart, adamM, adamV, paramFloats, settings.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon, 1 - acc1, 1 - acc2);
      }
      return lossSum;
    },
    async validationLoss(): Promise<number> {
      if (!val || val.rows === 0) return Number.NaN;
      f.copyWithin((h[0] as number) / 4, xVal / 4, xVal / 4 + val.xs.length);
      forward(val.rows);
      const out = (h[nLayers] as number) / 4;
      let s = 0;
      for (let i = 0; i < val.rows; i++) s += ((f[out + i] as number) - (val.ys[i] as number)) ** 2;
      return s / val.rows;
    },
    async weights(): Promise<MlpLayer[]> {
      return init.map((L, l) => ({ in: L.in, out: L.out, w: f.slice((w[l] as { w: number }).w / 4, (w[l] as { w: number }).w / 4 + L.in * L.out), b: f.slice((w[l] as { b: number }).b / 4, (w[l] as { b: number }).b / 4 + L.out) }));
    },
    dispose() {
      // the instance and its memory are garbage-collected with this closure
    },
  };
}
