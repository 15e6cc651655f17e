import { describe, expect, it } from "vitest";
import { Archive } from "../../src/search/evaluator.js";

import { countingEvaluator, ALL } from "../helpers/synthetic-search.js";

describe("Archive", () => {
  it("counts distinct architectures once and stops at the budget", () => {
    const { ev, calls } = countingEvaluator();
    const archive = new Archive(ev, 3);
    const [a, b, c, d] = ALL as [string, string, string, string];
    expect(archive.evaluate([a, a, b]).map((e) => e.arch)).toEqual([a, a, b]);
    expect(archive.evaluate([b, c, d]).map((e) => e.arch)).toEqual([b, c]);
    expect(archive.size).toBe(3);
    expect(calls).toEqual([[a, b], [c]]);
    expect(() => new Archive(ev, 0)).toThrowError(/budget 0 must be a positive integer/);
  });
  it("refuses an evaluator that returns NaN or the wrong length", () => {
    expect(() => new Archive(() => ({ accuracy: [Number.NaN], latency: [1] }), 5).evaluate([ALL[0] as string])).toThrowError(/accuracy NaN.*must be finite/);
    expect(() => new Archive(() => ({ accuracy: [], latency: [] }), 5).evaluate([ALL[0] as string])).toThrowError(/returned 0 accuracies/);
  });
});
