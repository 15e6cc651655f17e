import { describe, expect, it } from "vitest";
import { adaptContext } from "../../src/adapt/adapt.js";
import { paperFronts } from "../../src/experiments/paper-fronts.js";
import { loadNb201SearchTable } from "../../src/experiments/search-protocol.js";
import { paretoFront } from "../../src/stats/pareto.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("paperFronts", () => {
  it("draws the target's, the adapted proxy's and the proxy's exhaustive fronts at true target values; the target's has no regret, adaptation cuts the proxy's", async () => {
    const t = await loadNb201SearchTable({ mirror: mirrorDir() });
    const acc = t.accuracy("cifar10");
    const ctx = adaptContext(t, ["pixel3"]);
    const results = ["eyeriss", "1080ti_32"].map((target) => paperFronts(ctx, acc, t.latency(target), { target, seed: 0, name: `fronts-${target}` }));
    for (const r of results) {
      const [target, ada, proxy] = r.fronts;
      expect(r.fronts.map((f) => f.name)).toEqual(["Target", "AdaProxy", "Proxy"]);
      expect(target?.regret).toBe(0);
      expect(proxy?.rows).toEqual(paretoFront(t.latencyView("pixel3"), acc));
      expect(proxy?.regret).toBeGreaterThan(0);
      expect(ada?.regret).toBeLessThan(proxy?.regret as number);
      const traces = r.figure.data as { x: number[]; y: number[]; name: string }[];
      expect(traces).toHaveLength(3);
      // every curve at the target's true latency, left to right
      const lat = t.latency(r.target);
      expect(traces[0]?.x).toEqual([...(target?.rows as number[])].map((row) => lat[row]).sort((a, b) => a - b));
      expect(traces.every((c) => c.x.every((v, i) => i === 0 || v >= (c.x[i - 1] as number)))).toBe(true);
      expect(traces[1]?.name).toContain("pixel3 adapted, K=20");
      expect(r.figure.name).toBe(`fronts-${r.target}`);
    }
  });
  it("names a context of several proxies and a latency column of another table", async () => {
    const t = await loadNb201SearchTable({ mirror: mirrorDir() });
    const acc = t.accuracy("cifar10");
    expect(() => paperFronts(adaptContext(t, ["pixel3", "fpga"]), acc, t.latency("pixel2"), { target: "pixel2" })).toThrowError(/the context has 2 proxies \(pixel3, fpga\); the paper's figure has one/);
    expect(() => paperFronts(adaptContext(t, ["pixel3"]), acc, [1, 2, 3], { target: "pixel2" })).toThrowError(/3 target latencies and 15625 accuracies for a table of 15625 rows/);
  });
});
