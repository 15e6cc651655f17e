/**
 * A synthetic NAS-Bench-201 search problem shared by the search tests:
 * latency = a sum of operation costs, accuracy rewards convolutions with
 * diminishing returns; the exhaustive front is known.
 */
import type { Evaluator } from "../../src/search/evaluator.js";
import { nb201Enumerate, nb201Format, nb201Parse } from "../../src/spaces/nb201.js";
import { frontMetrics, frontReference } from "../../src/stats/front-metrics.js";

const COST = [0, 0.1, 1, 3, 0.5];
const GAIN = [0, 1, 3, 5, 1.5];

/** [latency, accuracy] of an architecture. */
export function synthetic(arch: string): [number, number] {
  const a = nb201Parse(arch);
  const lat = a.reduce((s, o, i) => s + (COST[o] as number) * (1 + i / 10), 1);
  const acc = 50 + 8 * Math.sqrt(a.reduce((s, o, i) => s + (GAIN[o] as number) * (1 + ((i * 7) % 3) / 5), 0));
  return [lat, acc];
}

/** An evaluator of the problem that records each batch it is called with. */
export function countingEvaluator(): { ev: Evaluator; calls: string[][] } {
  const calls: string[][] = [];
  const ev: Evaluator = (archs) => {
    calls.push([...archs]);
    const o = archs.map(synthetic);
    return { latency: o.map((x) => x[0]), accuracy: o.map((x) => x[1]) };
  };
  return { ev, calls };
}

/** Every NAS-Bench-201 architecture, in index order. */
export const ALL = nb201Enumerate().map((a) => nb201Format(a));
const REF = frontReference(ALL.map((a) => synthetic(a)[0]), ALL.map((a) => synthetic(a)[1]));
const ROW = new Map(ALL.map((a, r) => [a, r]));

/** Mean regret of a found front against the exhaustive one. */
export const regretOf = (archs: readonly { arch: string }[]): number => frontMetrics(REF, archs.map((e) => ROW.get(e.arch) as number)).regret;
