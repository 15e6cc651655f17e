import { describe, expect, it } from "vitest";
import { agingEvolution } from "../../src/search/aging-evolution.js";
import { type Evaluator } from "../../src/search/evaluator.js";
import { NB201_GENOME } from "../../src/search/genome.js";
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

describe("agingEvolution", () => {
  it("aging evolution returns the best architecture within the limit, and batches its calls", () => {
    const { ev, calls } = countingEvaluator();
    const run = agingEvolution(NB201_GENOME, ev, { evaluations: 800, seed: 3, latencyLimit: 8 });
    const feasible = ALL.map(synthetic).filter(([l]) => l <= 8).map(([, a]) => a);
    expect(run.best).toBeDefined();
    expect((run.best as { latency: number }).latency).toBeLessThanOrEqual(8);
    expect((run.best as { accuracy: number }).accuracy).toBeGreaterThan(Math.max(...feasible) - 0.5);
    expect(calls.length).toBeLessThan(200);
    expect(() => agingEvolution(NB201_GENOME, ev, { evaluations: 10, latencyLimit: -1 })).toThrowError(/latency limit -1/);
  });
});
