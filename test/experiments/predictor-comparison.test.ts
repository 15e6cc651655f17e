import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load.js";
import { predictorComparison, predictorComparisonFigure, trainTestSplit } from "../../src/experiments/predictor-comparison.js";
import { LinearLatencyPredictor } from "../../src/predict/linear-predictor.js";
import { predictionMetrics } from "../../src/predict/metrics.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("trainTestSplit", () => {
  it("splits every row once, seeded, each part ascending", () => {
    const a = trainTestSplit(100, 30, 7);
    expect(a.train).toHaveLength(30);
    expect(a.test).toHaveLength(70);
    expect([...a.train, ...a.test].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(a.train).toEqual([...a.train].sort((x, y) => x - y));
    expect(trainTestSplit(100, 30, 7)).toEqual(a);
    expect(trainTestSplit(100, 30, 8).train).not.toEqual(a.train);
    expect(() => trainTestSplit(10, 10, 0)).toThrowError(/10 training rows of 10; valid: an integer in 1..9/);
  });
});

describe("predictorComparison", () => {
  it("judges each predictor on the rows it was not fitted on", async () => {
    const help = await loadTable("help-nb201", { mirror: mirrorDir() });
    const results = await predictorComparison(help, ["raspi4"], { train: 300, seed: 1 });
    expect(results.map((r) => r.predictor)).toEqual(["linear, onehot", "linear, onehot+live", expect.stringMatching(/^MLP 60-64-64-1/)]);
    const { train, test } = trainTestSplit(help.rows, 300, 1);
    const lat = help.latency("raspi4");
    const p = LinearLatencyPredictor.fit(help, "raspi4", { features: "onehot+live", rows: train });
    const expected = predictionMetrics(p.predict(test.map((r) => help.archAt(r))), test.map((r) => lat[r] as number));
    expect(results[1]).toMatchObject({ device: "raspi4", srcc: expected.srcc, rmse: expected.rmse, rows: test.length });
    // the live-edge features help raspi4, which skips dead computation
    expect(results[1]!.srcc).toBeGreaterThan(results[0]!.srcc);
    const f = predictorComparisonFigure(results);
    expect(f.data).toHaveLength(3);
    expect((f.layout["title"] as { text: string }).text).toMatch(/axis from 0\.\d+/);
    const ofa = await loadTable("help-ofa", { mirror: mirrorDir() });
    await expect(predictorComparison(ofa, ["titan_rtx_1"])).rejects.toThrowError(/help-ofa is a ofa-mbv3 table; it compares NAS-Bench-201 predictors/);
  }, 120_000);
});
