import { describe, expect, it } from "vitest";
import { estimateCalibration, type ProtocolRun } from "../../src/experiments/adapt-protocols.js";

const run = (k: number, method: ProtocolRun["method"], srccAfter: number, srccOutOfBag?: number): ProtocolRun => ({
  protocol: "oneproxy",
  target: "t",
  k,
  method,
  select: "stratified",
  seed: 0,
  srccBefore: 0.5,
  srccAfter,
  srccUnmeasured: srccAfter,
  ...(srccOutOfBag === undefined ? {} : { srccOutOfBag }),
  ms: 1,
});

describe("estimateCalibration", () => {
  it("compares one method's out-of-bag estimates with the true SRCC, per K", () => {
    const runs = [
      run(10, "proxy-ensemble-bagged", 0.9, 0.8),
      run(10, "proxy-ensemble-bagged", 0.7, 0.7),
      run(10, "proxy-ensemble-bagged", 0.8, 0.6),
      run(10, "proxy-ensemble", 0.1),
      run(20, "proxy-ensemble-bagged", 0.9, 0.9),
      run(20, "proxy-ensemble-bagged", 0.8, 0.8),
      run(70, "proxy-ridge", 0.9),
    ];
    const c = estimateCalibration(runs, "proxy-ensemble-bagged");
    expect(c.map((x) => x.k)).toEqual([10, 20]);
    const k10 = c[0];
    expect(k10?.runs).toBe(3);
    expect(k10?.meanEstimate).toBeCloseTo(0.7, 12);
    expect(k10?.meanTrue).toBeCloseTo(0.8, 12);
    expect(k10?.meanAbsError).toBeCloseTo((0.1 + 0 + 0.2) / 3, 12);
    // estimates (0.8, 0.7, 0.6) against truths (0.9, 0.7, 0.8): centred (0.1, 0, -0.1) and (0.1, -0.1, 0)
    expect(k10?.pearson).toBeCloseTo(0.01 / Math.sqrt(0.02 * 0.02), 12);
    expect(c[1]?.pearson).toBeCloseTo(1, 12);
    expect(c[1]?.meanAbsError).toBeCloseTo(0, 12);
    expect(estimateCalibration(runs, "proxy-ridge")).toEqual([]);
    expect(Number.isNaN(estimateCalibration([run(5, "proxy-ensemble-bagged", 0.9, 0.8), run(5, "proxy-ensemble-bagged", 0.8, 0.8)], "proxy-ensemble-bagged")[0]?.pearson)).toBe(true);
  });
});
