import { describe, expect, it } from "vitest";
import { kendall } from "../../src/stats/kendall.js";
import { seededRng } from "../../src/random.js";

/** Tolerance for floating-point agreement with reference values. */
const EPS = 1e-12;

describe("kendall", () => {
  it("Kendall's O(n log n) count equals the O(n^2) definition on tied data", () => {
    const rng = seededRng(21);
    const a = Array.from({ length: 300 }, () => Math.floor(rng.next() * 12));
    const b = Array.from({ length: 300 }, (_, i) => Math.floor(rng.next() * 12) + (a[i] as number));
    let c = 0, d = 0, tx = 0, ty = 0;
    for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) {
      const sx = Math.sign((a[i] as number) - (a[j] as number));
      const sy = Math.sign((b[i] as number) - (b[j] as number));
      if (sx === 0 && sy === 0) continue;
      if (sx === 0) tx++;
      else if (sy === 0) ty++;
      else if (sx === sy) c++;
      else d++;
    }
    const naive = (c - d) / Math.sqrt((c + d + tx) * (c + d + ty));
    expect(kendall(a, b).value).toBeCloseTo(naive, EPS);
  });
});
