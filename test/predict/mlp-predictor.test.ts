import { describe, expect, it } from "vitest";
import { MLP_ENGINES, MlpLatencyPredictor } from "../../src/predict/mlp-predictor.js";
import type { Matrix } from "../../src/predict/ridge.js";
import { seededRng } from "../../src/random.js";
import { initBackend, tfjs } from "../../src/runtime/backend.js";

/** Binary features; latency with an interaction a linear model cannot represent, plus small noise. */
function data(n: number, seed: number): { x: Matrix; y: Float64Array; f: Float64Array } {
  const rng = seededRng(seed);
  const x = { rows: n, cols: 5, data: Float64Array.from({ length: n * 5 }, () => (rng.next() < 0.5 ? 0 : 1)) };
  const f = Float64Array.from({ length: n }, (_, i) => 3 + 2 * (x.data[i * 5] as number) + (x.data[i * 5 + 1] as number) * (x.data[i * 5 + 2] as number) * 4);
  const y = Float64Array.from(f, (v) => v + 0.05 * rng.next());
  return { x, y, f };
}
const rmse = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v, i) => s + (v - (b[i] as number)) ** 2, 0) / a.length);

describe("MlpLatencyPredictor", () => {
  for (const engine of MLP_ENGINES) {
    it(`${engine} engine: learns a non-additive latency function, leaks no tensors, and records its engine`, async () => {
      await initBackend("wasm");
      const before = tfjs().memory().numTensors;
      const { x, y, f } = data(400, 1);
      const p = await MlpLatencyPredictor.fit(x, y, { seed: 3, epochs: 60, batchSize: 64, hidden: [16, 16], learningRate: 1e-2, engine });
      const pred = p.predict(x);
      expect(tfjs().memory().numTensors).toBe(before);
      // the best additive model is off by about 1 ms on this function; the MLP must learn the interaction
      expect(rmse(pred, f)).toBeLessThan(0.3);
      expect(p.backend).toBe(engine === "simd" ? "simd" : "tfjs-wasm");
      expect(p.history.length).toBeGreaterThan(0);
    });
    it(`${engine} engine: same seed, same weights; another seed, other weights`, async () => {
      const { x, y } = data(200, 2);
      const a = await MlpLatencyPredictor.fit(x, y, { seed: 5, epochs: 5, hidden: [8], backend: "wasm", engine });
      const b = await MlpLatencyPredictor.fit(x, y, { seed: 5, epochs: 5, hidden: [8], backend: "wasm", engine });
      const c = await MlpLatencyPredictor.fit(x, y, { seed: 6, epochs: 5, hidden: [8], backend: "wasm", engine });
      expect(a.toJSON()).toEqual(b.toJSON());
      expect(a.toJSON().layers).not.toEqual(c.toJSON().layers);
    });
  }
  it("the two engines train the same network: same losses and weights up to float32 rounding", async () => {
    // tfjs computes the gradients by autodiff; the SIMD kernels by hand-written backpropagation
    const { x, y } = data(300, 7);
    const options = { seed: 2, epochs: 4, batchSize: 32, hidden: [16, 6], validation: 0.2, backend: "wasm" as const };
    const s = await MlpLatencyPredictor.fit(x, y, { ...options, engine: "simd" });
    const t = await MlpLatencyPredictor.fit(x, y, { ...options, engine: "tfjs" });
    expect(s.history.length).toBe(4);
    expect(t.history.length).toBe(4);
    s.history.forEach((h, i) => {
      expect(h.trainLoss).toBeCloseTo((t.history[i] as { trainLoss: number }).trainLoss, 4);
      expect(h.validationLoss).toBeCloseTo((t.history[i] as { validationLoss: number }).validationLoss, 4);
    });
    const sw = s.toJSON().layers.flatMap((L) => [...L.w, ...L.b]);
    const tw = t.toJSON().layers.flatMap((L) => [...L.w, ...L.b]);
    expect(sw.length).toBe(tw.length);
    expect(Math.max(...sw.map((v, i) => Math.abs(v - (tw[i] as number))))).toBeLessThan(1e-4);
  });
  it("round-trips through JSON and rejects bad input", async () => {
    const { x, y } = data(100, 4);
    const a = await MlpLatencyPredictor.fit(x, y, { seed: 1, epochs: 3, hidden: [4] });
    const back = MlpLatencyPredictor.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(Array.from(back.predict(x))).toEqual(Array.from(a.predict(x)));
    await expect(MlpLatencyPredictor.fit(x, [1, 2], {})).rejects.toThrowError(/100 rows but 2 latencies/);
    await expect(MlpLatencyPredictor.fit(x, y, { hidden: [0] })).rejects.toThrowError(/hidden widths \[0\] must be positive integers/);
    expect(() => a.predict({ rows: 1, cols: 3, data: new Float64Array(3) })).toThrowError(/3 features, trained on 5/);
    expect(() => MlpLatencyPredictor.fromJSON({ kind: "linear" })).toThrowError(/not a serialised MLP/);
    await expect(MlpLatencyPredictor.fit(x, y, { engine: "gpu" as never })).rejects.toThrowError(/engine: invalid value "gpu"; valid: simd, tfjs/);
  });
});
