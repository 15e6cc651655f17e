import { describe, expect, it } from "vitest";
import { NB201_GENOME } from "../../src/search/genome.js";
import { nsga2 } from "../../src/search/nsga2.js";

import { countingEvaluator } from "../helpers/synthetic-search.js";

describe("search runs", () => {
  it("progress is reported up to the budget", () => {
    const seen: number[] = [];
    nsga2(NB201_GENOME, countingEvaluator().ev, { evaluations: 300, seed: 0, onProgress: (d) => seen.push(d) });
    expect(seen[seen.length - 1]).toBe(300);
    expect(seen.every((v, i) => i === 0 || v >= (seen[i - 1] as number))).toBe(true);
  });
});
