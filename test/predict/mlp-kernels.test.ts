import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { instantiateKernels, simdSupported } from "../../src/predict/mlp-simd-engine.js";
import { seededRng } from "../../src/random.js";

/** Random values with some exact zeros (the kernels skip zero inputs and ReLU-dead units). */
function random(n: number, seed: number): Float32Array {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n }, () => (rng.next() < 0.25 ? 0 : rng.next() * 2 - 1));
}

describe("mlp-kernels.wat", () => {
  it("the embedded binary is the compiled source", () => {
    const r = spawnSync(process.execPath, ["scripts/build-kernels.mjs", "--check"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("runs here", () => {
    expect(simdSupported()).toBe(true);
  });

  // widths with and without a multiple-of-4 part, to cover the SIMD loop and the scalar tail
  for (const [m, k, n] of [
    [7, 5, 64],
    [9, 30, 6],
    [4, 64, 1],
    [3, 3, 3],
  ] as const) {
    it(`forward and gradW match plain arithmetic (m=${m}, k=${k}, n=${n})`, () => {
      const K = instantiateKernels();
      K.memory.grow(1);
      const f = new Float32Array(K.memory.buffer);
      const a = random(m * k, 1);
      const w = random(k * n, 2);
      const bias = random(n, 3);
      const d = random(m * n, 4);
      const at = { a: 0, w: 4096, bias: 8192, c: 12288, d: 16384, gw: 20480, gb: 24576, dx: 28672 };
      f.set(a, at.a / 4);
      f.set(w, at.w / 4);
      f.set(bias, at.bias / 4);
      f.set(d, at.d / 4);
      for (const relu of [0, 1]) {
        K.forward(at.a, at.w, at.bias, at.c, m, k, n, relu);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let s = bias[j] as number;
            for (let p = 0; p < k; p++) s += (a[i * k + p] as number) * (w[p * n + j] as number);
            expect(f[at.c / 4 + i * n + j]).toBeCloseTo(relu ? Math.max(s, 0) : s, 5);
          }
        }
      }
      // gradW accumulates: start from ones
      f.fill(1, at.gw / 4, at.gw / 4 + k * n);
      f.fill(1, at.gb / 4, at.gb / 4 + n);
      K.gradW(at.a, at.d, at.gw, at.gb, m, k, n);
      for (let p = 0; p < k; p++) {
        for (let j = 0; j < n; j++) {
          let s = 1;
          for (let i = 0; i < m; i++) s += (a[i * k + p] as number) * (d[i * n + j] as number);
          expect(f[at.gw / 4 + p * n + j]).toBeCloseTo(s, 5);
        }
      }
      for (let j = 0; j < n; j++) {
        let s = 1;
        for (let i = 0; i < m; i++) s += d[i * n + j] as number;
        expect(f[at.gb / 4 + j]).toBeCloseTo(s, 5);
      }
    });
  }

  it("transpose, reluMask and adam match plain arithmetic", () => {
    const K = instantiateKernels();
    const f = new Float32Array(K.memory.buffer);
    const [k, n] = [5, 7];
    const w = random(k * n, 5);
    f.set(w, 0);
    K.transpose(0, 1024, k, n);
    for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) expect(f[256 + j * k + p]).toBe(w[p * n + j]);
    // the ReLU gradient keeps x where h > 0 (h = 0 is a dead unit)
    const x = random(12, 6);
    const h = random(12, 7);
    f.set(x, 0);
    f.set(h, 256);
    K.reluMask(0, 1024, 12);
    for (let i = 0; i < 12; i++) expect(f[i]).toBe((h[i] as number) > 0 ? x[i] : 0);
    // adam on 8 floats: p, g, m, v at byte offsets 0, 64, 128, 192
    const [p0, g, m, v] = [random(8, 8), random(8, 9), random(8, 10), random(8, 11).map(Math.abs)];
    f.set(p0, 0);
    f.set(g, 16);
    f.set(m, 32);
    f.set(v, 48);
    const [lr, b1, b2, eps, c1, c2] = [0.01, 0.9, 0.999, 1e-7, 1 - 0.9 ** 3, 1 - 0.999 ** 3];
    K.adam(0, 64, 128, 192, 8, lr, b1, b2, eps, c1, c2);
    for (let i = 0; i < 8; i++) {
      const gi = g[i] as number;
      const mi = b1 * (m[i] as number) + (1 - b1) * gi;
      const vi = b2 * (v[i] as number) + (1 - b2) * gi * gi;
      expect(f[32 + i]).toBeCloseTo(mi, 6);
      expect(f[48 + i]).toBeCloseTo(vi, 6);
      expect(f[i]).toBeCloseTo((p0[i] as number) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps), 5);
    }
  });
});
