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
});
