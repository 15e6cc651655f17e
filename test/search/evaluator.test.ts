import { describe, expect, it } from "vitest";
import { Archive, type Evaluator } from "../../src/search/evaluator.js";
import { nb201Enumerate, nb201Format, nb201Parse } from "../../src/spaces/nb201.js";

/** A synthetic NAS-Bench-201 problem: latency = sum of op costs, accuracy rewards convs with diminishing returns. */
const COST = [0, 0.1, 1, 3, 0.5];
const GAIN = [0, 1, 3, 5, 1.5];
function synthetic(arch: string): [number, number] {
  const a = nb201Parse(arch);
  const lat = a.reduce((s, o, i) => s + (COST[o] as number) * (1 + i / 10), 1);
  const acc = 50 + 8 * Math.sqrt(a.reduce((s, o, i) => s + (GAIN[o] as number) * (1 + ((i * 7) % 3) / 5), 0));
  return [lat, acc];
}
function countingEvaluator(): { ev: Evaluator; calls: string[][] } {
  const calls: string[][] = [];
  const ev: Evaluator = (archs) => {
    calls.push([...archs]);
    const o = archs.map(synthetic);
    return { latency: o.map((x) => x[0]), accuracy: o.map((x) => x[1]) };
  };
  return { ev, calls };
}
const ALL = nb201Enumerate().map((a) => nb201Format(a));

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
