import { describe, expect, it } from "vitest";
import { agingEvolution } from "../../src/search/aging-evolution.js";
import { Archive, type Evaluator } from "../../src/search/evaluator.js";
import { FBNET_GENOME, NB201_GENOME, OFA_GENOME, ofaGenomeAt } from "../../src/search/genome.js";
import { nsga2 } from "../../src/search/nsga2.js";
import { randomSearch } from "../../src/search/random-search.js";
import { frontAfter } from "../../src/search/search-run.js";
import { seededRng } from "../../src/random.js";
import { nb201Enumerate, nb201Format, nb201Parse } from "../../src/spaces/nb201.js";
import { frontMetrics, frontReference } from "../../src/stats/front-metrics.js";

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
const REF = frontReference(ALL.map((a) => synthetic(a)[0]), ALL.map((a) => synthetic(a)[1]));
const ROW = new Map(ALL.map((a, r) => [a, r]));
const regretOf = (archs: readonly { arch: string }[]) => frontMetrics(REF, archs.map((e) => ROW.get(e.arch) as number)).regret;

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

describe("searches", () => {
  it("spend exactly the budget on distinct architectures, are seeded, and report a non-dominated front", () => {
    for (const run of [
      (s: number) => nsga2(NB201_GENOME, countingEvaluator().ev, { evaluations: 600, seed: s }),
      (s: number) => randomSearch(NB201_GENOME, countingEvaluator().ev, { evaluations: 600, seed: s }),
      (s: number) => agingEvolution(NB201_GENOME, countingEvaluator().ev, { evaluations: 600, seed: s, latencyLimit: 8 }),
    ]) {
      const a = run(1);
      const b = run(1);
      const c = run(2);
      expect(a.evaluations.length).toBe(600);
      expect(new Set(a.evaluations.map((e) => e.arch)).size).toBe(600);
      expect(b.evaluations).toEqual(a.evaluations);
      expect(c.evaluations).not.toEqual(a.evaluations);
      for (const f of a.front) expect(a.evaluations.some((e) => e.latency <= f.latency && e.accuracy >= f.accuracy && (e.latency < f.latency || e.accuracy > f.accuracy))).toBe(false);
      expect(frontAfter(a.evaluations, 600)).toEqual(a.front);
    }
  });
  it("NSGA-II gets much closer to the exhaustive front than random search with the same budget", () => {
    const evo = [0, 1, 2].map((s) => regretOf(nsga2(NB201_GENOME, countingEvaluator().ev, { evaluations: 1000, seed: s }).front));
    const rnd = [0, 1, 2].map((s) => regretOf(randomSearch(NB201_GENOME, countingEvaluator().ev, { evaluations: 1000, seed: s }).front));
    const mean = (x: number[]) => x.reduce((p, q) => p + q, 0) / x.length;
    expect(mean(evo)).toBeLessThan(mean(rnd) / 3);
  });
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
  it("the genomes' operators keep architectures valid, and mutation always changes them", () => {
    const rng = seededRng(0);
    for (const g of [NB201_GENOME, OFA_GENOME, FBNET_GENOME] as const) {
      const gen = g as unknown as typeof NB201_GENOME;
      for (let i = 0; i < 50; i++) {
        const a = gen.sample(rng);
        const b = gen.sample(rng);
        const s = gen.format(a);
        expect(gen.format(gen.parse(s))).toBe(s);
        expect(gen.format(gen.mutate(a, rng))).not.toBe(s);
        const child = gen.format(gen.crossover(a, b, rng));
        expect(gen.format(gen.parse(child))).toBe(child);
      }
    }
  });
  it("the Once-for-All genome restricted to lookup-table resolutions stays on them", () => {
    const rng = seededRng(2);
    const g = ofaGenomeAt([160, 176, 192, 208, 224]);
    for (let i = 0; i < 200; i++) {
      const a = g.sample(rng);
      const m = g.mutate(a, rng);
      const c = g.crossover(a, m, rng);
      for (const x of [a, m, c]) expect([160, 176, 192, 208, 224]).toContain(x.r);
      expect(g.format(m)).not.toBe(g.format(a));
    }
    expect(() => ofaGenomeAt([])).toThrowError(/at least one resolution/);
  });
  it("progress is reported up to the budget", () => {
    const seen: number[] = [];
    nsga2(NB201_GENOME, countingEvaluator().ev, { evaluations: 300, seed: 0, onProgress: (d) => seen.push(d) });
    expect(seen[seen.length - 1]).toBe(300);
    expect(seen.every((v, i) => i === 0 || v >= (seen[i - 1] as number))).toBe(true);
  });
});
