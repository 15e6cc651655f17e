import { describe, expect, it } from "vitest";
import { type Evaluator } from "../../src/search/evaluator.js";
import { NB201_GENOME } from "../../src/search/genome.js";
import { nsga2 } from "../../src/search/nsga2.js";
import { nb201Parse } from "../../src/spaces/nb201.js";

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

describe("search runs", () => {
  it("progress is reported up to the budget", () => {
    const seen: number[] = [];
    nsga2(NB201_GENOME, countingEvaluator().ev, { evaluations: 300, seed: 0, onProgress: (d) => seen.push(d) });
    expect(seen[seen.length - 1]).toBe(300);
    expect(seen.every((v, i) => i === 0 || v >= (seen[i - 1] as number))).toBe(true);
  });
});
