import { describe, expect, it } from "vitest";
import { agingEvolution } from "../../src/search/aging-evolution.js";
import { NB201_GENOME } from "../../src/search/genome.js";
import { nsga2 } from "../../src/search/nsga2.js";
import { randomSearch } from "../../src/search/random-search.js";
import { frontAfter } from "../../src/search/search-run.js";

import { countingEvaluator, regretOf } from "../helpers/synthetic-search.js";

describe("nsga2 (and the other searches on the same budget)", () => {
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
});
