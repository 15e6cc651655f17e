import { describe, expect, it } from "vitest";
import { argsortFloat64, argsortUint32 } from "../../src/stats/argsort.js";
import { seededRng } from "../../src/random.js";

describe("argsort", () => {
  it("radix argsorts are stable and numeric (negatives, -0, ties)", () => {
    expect(Array.from(argsortFloat64([2.5, -1, 2.5, 0, -0, -3e300, 1e-300]))).toEqual([5, 1, 3, 4, 6, 0, 2]);
    expect(Array.from(argsortUint32(new Uint32Array([70000, 3, 70000, 1])))).toEqual([3, 1, 0, 2]);
    expect(() => argsortFloat64([1, Number.NaN])).toThrowError(/value 1 is NaN/);
    const rng = seededRng(3);
    const v = Array.from({ length: 2000 }, () => Math.round((rng.next() - 0.5) * 200) / 7);
    const order = Array.from(argsortFloat64(v));
    const ref = v.map((_, i) => i).sort((a, b) => (v[a] as number) - (v[b] as number) || a - b);
    expect(order).toEqual(ref);
  });
  it("short inputs (a comparison sort below 256 values) give the same stable order as the radix passes, with a starting order too", () => {
    const rng = seededRng(5);
    for (const n of [0, 1, 2, 10, 255, 256, 300]) {
      const v = Array.from({ length: n }, () => [Infinity, -Infinity, 0, -0][Math.floor(rng.next() * 8)] ?? Math.round((rng.next() - 0.5) * 20) / 3);
      const ref = v.map((_, i) => i).sort((a, b) => ((v[a] as number) < (v[b] as number) ? -1 : (v[a] as number) > (v[b] as number) ? 1 : a - b));
      expect(Array.from(argsortFloat64(v))).toEqual(ref);
      const keys = Uint32Array.from(v, (x) => (Number.isFinite(x) ? Math.abs(Math.round(x)) : 7));
      const start = Uint32Array.from(v.map((_, i) => n - 1 - i));
      const pos = new Map(Array.from(start).map((r, k) => [r, k]));
      const refU = Array.from(start).sort((a, b) => (keys[a] as number) - (keys[b] as number) || (pos.get(a) as number) - (pos.get(b) as number));
      expect(Array.from(argsortUint32(keys, start))).toEqual(refU);
    }
  });
});
