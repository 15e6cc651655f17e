import { beforeAll, describe, expect, it } from "vitest";
import { adaptTarget } from "../../src/adapt/adapt.js";
import { type AdaptContext } from "../../src/adapt/method.js";
import { ensembleMembers, looWeights } from "../../src/adapt/proxy-ensemble.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { InvalidArgumentError } from "../../src/errors.js";
import { oneproxyContext } from "../helpers/oneproxy.js";

let oneproxy: LatencyTable;
let ctx: AdaptContext;
beforeAll(async () => ({ table: oneproxy, ctx } = await oneproxyContext()));

describe("proxy-ensemble", () => {
  it("is the mean of its three members weighted by inverse leave-one-out MSE, and is deterministic", () => {
    const target = oneproxy.latency("eagle_i7");
    for (const samples of [10, 70]) {
      const e = adaptTarget(ctx, (r) => target[r] as number, { samples, seed: 1, method: "proxy-ensemble" });
      const again = adaptTarget(ctx, (r) => target[r] as number, { samples, seed: 1, method: "proxy-ensemble" });
      expect(Array.from(again.predictions)).toEqual(Array.from(e.predictions));
      const measured = { rows: e.measuredRows, values: Float64Array.from(e.measuredRows, (r) => target[r] as number) };
      const members = ensembleMembers(ctx, measured);
      expect(members).toHaveLength(3);
      const w = looWeights(members);
      for (const r of [0, 17, 1998]) {
        expect(e.predictions[r]).toBeCloseTo(members.reduce((a, p, j) => a + (w[j] as number) * (p.predictions[r] as number), 0), 9);
      }
      // the third member is proxy-ridge itself
      const ridge = adaptTarget(ctx, (r) => target[r] as number, { samples, seed: 1, method: "proxy-ridge" });
      expect(Array.from(members[2]?.predictions ?? [])).toEqual(Array.from(ridge.predictions));
      expect(e.measuredRows).toEqual(ridge.measuredRows);
    }
  });
});

describe("looWeights", () => {
  it("weights members by the inverse of their leave-one-out MSE", () => {
    const w = looWeights([{ loo: Float64Array.of(1, -1) }, { loo: Float64Array.of(2, -2) }, { loo: Float64Array.of(1, 1) }]);
    expect(w[0]).toBeCloseTo(4 / 9, 12);
    expect(w[1]).toBeCloseTo(1 / 9, 12);
    expect(w[2]).toBeCloseTo(4 / 9, 12);
  });
  it("gives all the weight to members with no leave-one-out error", () => {
    expect(looWeights([{ loo: Float64Array.of(0, 0) }, { loo: Float64Array.of(2, -2) }, { loo: Float64Array.of(0, 0) }])).toEqual([0.5, 0, 0.5]);
  });
  it("rejects no members and mismatched members", () => {
    expect(() => looWeights([])).toThrow(InvalidArgumentError);
    expect(() => looWeights([{ loo: Float64Array.of(1) }, { loo: Float64Array.of(1, 2) }])).toThrow(/different numbers/);
  });
});
