import { describe, expect, it } from "vitest";
import { FBNET_GENOME, NB201_GENOME, OFA_GENOME, PROXYLESS_GENOME, ofaGenomeAt } from "../../src/search/genome.js";
import { seededRng } from "../../src/random.js";

describe("genomes", () => {
  it("the genomes' operators keep architectures valid, and mutation always changes them", () => {
    const rng = seededRng(0);
    for (const g of [NB201_GENOME, OFA_GENOME, FBNET_GENOME, PROXYLESS_GENOME] as const) {
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
});
