import { describe, expect, it } from "vitest";
import { agingEvolution } from "../../src/search/aging-evolution.js";
import { NB201_GENOME } from "../../src/search/genome.js";

import { synthetic, countingEvaluator, ALL } from "../helpers/synthetic-search.js";

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
