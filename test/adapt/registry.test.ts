import { beforeAll, describe, expect, it } from "vitest";
import { adaptContext } from "../../src/adapt/adapt.js";
import { ADAPT_METHODS, type AdaptContext } from "../../src/adapt/method.js";
import { DEFAULT_ADAPT_METHOD, runMethod } from "../../src/adapt/registry.js";
import { loadTable } from "../../src/data/load.js";
import { InvalidArgumentError } from "../../src/errors.js";
import { spearman } from "../../src/stats/correlation.js";
import { mirrorDir } from "../helpers/mirror.js";

let ctx: AdaptContext;
let target: Float64Array;
beforeAll(async () => {
  const t = await loadTable("oneproxy-nb201", { mirror: mirrorDir() });
  ctx = adaptContext(t, ["true_vpu"]);
  target = t.latency("eagle_cpu_855");
});

describe("runMethod", () => {
  it("every method predicts every row with a finite latency, and the proxy-based ones rank better than the samples alone", () => {
    const rows = Array.from({ length: 30 }, (_, i) => i * 60);
    const m = { rows, values: Float64Array.from(rows, (r) => target[r] as number) };
    const srcc: Record<string, number> = {};
    // device-aware needs a trained device model in the context (test/scale/device-aware-predictor.test.ts); without one it is a typed error
    expect(() => runMethod("device-aware", ctx, m, { seed: 0 })).toThrowError(/needs a device model/);
    for (const method of ADAPT_METHODS.filter((x) => x !== "device-aware")) {
      const { predictions } = runMethod(method, ctx, m, { seed: 0 });
      expect(predictions).toHaveLength(target.length);
      expect(predictions.every(Number.isFinite), method).toBe(true);
      srcc[method] = spearman(predictions, target).value;
    }
    expect(srcc["proxy-ensemble-bagged"]).toBeGreaterThan(srcc["least-squares"] as number);
    expect(srcc["proxy-ridge"]).toBeGreaterThan(srcc["least-squares"] as number);
    expect(ADAPT_METHODS).toContain(DEFAULT_ADAPT_METHOD);
  });
  it("rejects an unknown method and fewer than 3 measured rows, naming what is valid", () => {
    const m = { rows: [0, 1, 2], values: Float64Array.of(1, 2, 3) };
    expect(() => runMethod("magic" as never, ctx, m)).toThrowError(/invalid value "magic"; valid: proxy-ridge/);
    expect(() => runMethod("proxy", ctx, { rows: [0, 1], values: Float64Array.of(1, 2) })).toThrowError(InvalidArgumentError);
    expect(() => runMethod("proxy", ctx, { rows: [0, 1], values: Float64Array.of(1, 2) })).toThrowError(/need at least 3/);
  });
});
