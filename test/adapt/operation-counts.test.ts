import { beforeAll, describe, expect, it } from "vitest";
import { adaptTarget } from "../../src/adapt/adapt.js";
import { blockRidgeWithLoo } from "../../src/adapt/block-ridge-fit.js";
import type { AdaptContext } from "../../src/adapt/method.js";
import { operationCountsFit } from "../../src/adapt/operation-counts.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { spearman } from "../../src/stats/correlation.js";
import { oneproxyContext } from "../helpers/oneproxy.js";

let table: LatencyTable;
let ctx: AdaptContext;
beforeAll(async () => ({ table, ctx } = await oneproxyContext()));

describe("operation-counts", () => {
  it("recovers a target whose log latency is linear in the operation counts from 20 samples", () => {
    const beta = [0.1, 0.05, 0.3, 0.6, 0.2, 0, 0.1, 0.4, 0.8, 0.1];
    const target = Float64Array.from({ length: table.rows }, (_, r) => Math.exp(beta.reduce((a, b, j) => a + b * (ctx.shared.data[r * ctx.shared.cols + j] as number), 0)));
    const a = adaptTarget(ctx, (r) => target[r] as number, { samples: 20, method: "operation-counts", seed: 3 });
    expect(spearman(a.predictions, target).value).toBeGreaterThan(0.98);
  });
  it("gives each sample's exact leave-one-out prediction: the refit without it, at the same penalty", () => {
    const lat = table.latency("eagle_gtx");
    const rows = [5, 50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
    const fit = operationCountsFit(ctx, { rows, values: Float64Array.from(rows, (r) => lat[r] as number) });
    const penalties = blockRidgeWithLoo(ctx.shared, [ctx.shared.cols], { rows, values: Float64Array.from(rows, (r) => Math.log(lat[r] as number)) }).penalties;
    for (const i of [0, 3, 7]) {
      const rest = rows.filter((_, j) => j !== i);
      const refit = blockRidgeWithLoo(ctx.shared, [ctx.shared.cols], { rows: rest, values: Float64Array.from(rest, (r) => Math.log(lat[r] as number)) }, [penalties]);
      expect(fit.logLoo[i]).toBeCloseTo(refit.predictions[rows[i] as number] as number, 9);
    }
  });
  it("ranks a real device from its 20 samples alone", () => {
    const target = table.latency("eagle_gtx");
    const a = adaptTarget(ctx, (r) => target[r] as number, { samples: 20, method: "operation-counts", seed: 1 });
    expect(spearman(a.predictions, target).value).toBeGreaterThan(0.75);
  });
  it("rejects a latency of 0 ms, naming the row, and leaves the measurements as given", () => {
    const values = Float64Array.of(1, 2, 0, 4, 5);
    expect(() => operationCountsFit(ctx, { rows: [1, 2, 3, 4, 5], values })).toThrow(/latency 0 ms of row 3 is not valid; valid: a finite latency > 0 ms/);
    expect(Array.from(values)).toEqual([1, 2, 0, 4, 5]);
  });
});
