import { describe, expect, it } from "vitest";
import { tfjs } from "../../src/runtime/backend.js";
import { matmulBenchmark } from "../../src/experiments/matmul-benchmark.js";

describe("matmulBenchmark", () => {
  it("times each size on the requested backend and leaks no tensors", async () => {
    const before = tfjs().memory().numTensors;
    const rows = await matmulBenchmark({ backend: "wasm", sizes: [16, 32], repeats: 3 });
    expect(tfjs().memory().numTensors).toBe(before);
    expect(rows.map((r) => r.size)).toEqual([16, 32]);
    for (const r of rows) {
      expect(r.backend).toBe("wasm");
      expect(r.minMs).toBeGreaterThan(0);
      expect(r.medianMs).toBeGreaterThanOrEqual(r.minMs);
      expect(r.gflops).toBeCloseTo((2 * r.size ** 3) / (r.medianMs * 1e6), 10);
    }
  });
  it("rejects bad sizes and repeats", async () => {
    await expect(matmulBenchmark({ sizes: [0] })).rejects.toThrowError(/size 0 is not a positive integer/);
    await expect(matmulBenchmark({ repeats: 0 })).rejects.toThrowError(/repeats 0 must be a positive integer/);
  });
});
