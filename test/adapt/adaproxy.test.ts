import { describe, expect, it } from "vitest";
import { fitAdaProxyObjective } from "../../src/adapt/adaproxy.js";
import { seededRng } from "../../src/random.js";

describe("AdaProxy objective", () => {
  const rng = seededRng(9);
  const n = 40;
  const p = 6;
  const x = { rows: n, cols: p, data: Float64Array.from({ length: n * p }, () => rng.next()) };
  const y = Float64Array.from({ length: n }, (_, i) => 1 + 2 * (x.data[i * p] as number) + 0.5 * (x.data[i * p + 3] as number));
  const loss = (th: Float64Array, lam: number, norm: 1 | "inf") => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let f = th[0] as number;
      for (let j = 0; j < p; j++) f += (th[j + 1] as number) * (x.data[i * p + j] as number);
      s += (f - (y[i] as number)) ** 2;
    }
    const b = Array.from(th.subarray(2));
    return s / n + lam * (norm === 1 ? b.reduce((q, v) => q + Math.abs(v), 0) : Math.max(...b.map(Math.abs)));
  };
  it.each([1, "inf"] as const)("p = %s: the proximal solver reaches a minimum (no perturbation lowers the loss)", (norm) => {
    const th = fitAdaProxyObjective(x, y, 0.05, norm);
    const base = loss(th, 0.05, norm);
    for (let j = 0; j < th.length; j++) for (const d of [1e-4, -1e-4]) {
      const t2 = th.slice();
      t2[j] = (t2[j] as number) + d;
      expect(loss(t2, 0.05, norm)).toBeGreaterThanOrEqual(base - 1e-9);
    }
  });
  it("p = 2 is the closed form and b shrinks as λ grows", () => {
    const small = fitAdaProxyObjective(x, y, 1e-6, 2);
    const large = fitAdaProxyObjective(x, y, 10, 2);
    const norm = (t: Float64Array) => Math.hypot(...Array.from(t.subarray(2)));
    expect(norm(large)).toBeLessThan(norm(small));
  });
});
