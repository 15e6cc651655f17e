import { describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { InvalidArgumentError, InvalidDataError } from "../../src/errors.js";
import { LinearLatencyPredictor } from "../../src/predict/linear-predictor.js";
import { nb201FeatureMatrix } from "../../src/predict/nb201-features.js";
import { seededRng } from "../../src/random.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";
import { spearman } from "../../src/stats/correlation.js";

/** 600 architectures drawn over the whole space (seeded), so that dead edges vary. */
const ARCHS = (() => {
  const all = nb201Enumerate().map(nb201Format);
  const rng = seededRng(0);
  const picked = new Set<number>();
  while (picked.size < 600) picked.add(Math.floor(rng.next() * all.length));
  return [...picked].sort((a, b) => a - b).map((i) => all[i] as string);
})();

/** A device whose latency is exactly linear in the one-hot + live features (seeded costs), with some rows missing. */
function linearDevice(seed: number, missingEvery = 0): { table: LatencyTable; weights: Float64Array; intercept: number } {
  const rng = seededRng(seed);
  const x = nb201FeatureMatrix(ARCHS, "onehot+live");
  const weights = Float64Array.from({ length: x.cols }, () => rng.next() * 2);
  const intercept = 1.5;
  const values = ARCHS.map((_, i) => {
    if (missingEvery && i % missingEvery === 0) return -1;
    let s = intercept;
    for (let j = 0; j < x.cols; j++) s += (x.data[i * x.cols + j] as number) * (weights[j] as number);
    return s;
  });
  const table = LatencyTable.create({ space: "nb201", archs: ARCHS, devices: [{ info: { name: "lin", source: "test" }, values }], source: "linear" });
  return { table, weights, intercept };
}

describe("LinearLatencyPredictor", () => {
  it("recovers a device that is linear in its features (predictions to 1e-3 ms, ranking exact)", () => {
    const { table } = linearDevice(1);
    const p = LinearLatencyPredictor.fit(table, "lin");
    const pred = p.predict(ARCHS);
    const truth = table.latency("lin");
    const worst = Math.max(...Array.from(pred, (v, i) => Math.abs(v - (truth[i] as number))));
    expect(worst).toBeLessThan(1e-3);
    expect(spearman(pred, truth).value).toBeGreaterThan(0.9999);
    expect(p.rows).toBe(ARCHS.length);
  });

  it("fits on valid rows only: -1 entries are missing, not latencies", () => {
    const { table } = linearDevice(2, 7);
    const p = LinearLatencyPredictor.fit(table, "lin");
    expect(p.rows).toBe(ARCHS.length - Math.ceil(ARCHS.length / 7));
    // the missing rows are predicted from the others like any architecture
    const missingRow = 7;
    expect(Number.isNaN(table.latency("lin")[missingRow] as number)).toBe(true);
    expect(Number.isFinite(p.predict([ARCHS[missingRow] as string])[0] as number)).toBe(true);
  });

  it("fits on the given rows, and the one-hot set alone misses the live-edge part", () => {
    const { table } = linearDevice(3);
    const truth = table.latency("lin");
    const few = LinearLatencyPredictor.fit(table, "lin", { rows: Array.from({ length: 200 }, (_, i) => i * 3) });
    expect(few.rows).toBe(200);
    const onehot = LinearLatencyPredictor.fit(table, "lin", { features: "onehot" });
    const err = (p: LinearLatencyPredictor) => Math.max(...Array.from(p.predict(ARCHS), (v, i) => Math.abs(v - (truth[i] as number))));
    expect(err(few)).toBeLessThan(1e-2);
    expect(err(onehot)).toBeGreaterThan(100 * err(few));
  });

  it("round-trips through JSON to identical predictions", () => {
    const { table } = linearDevice(4);
    const p = LinearLatencyPredictor.fit(table, "lin", { features: "onehot" });
    const q = LinearLatencyPredictor.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
    expect(Array.from(q.predict(ARCHS))).toEqual(Array.from(p.predict(ARCHS)));
    expect(q.features).toBe("onehot");
    expect(q.device).toBe("lin");
  });

  it("rejects what is not a serialised linear predictor with a typed error naming what it got", () => {
    const good = LinearLatencyPredictor.fit(linearDevice(5).table, "lin").toJSON();
    expect(() => LinearLatencyPredictor.fromJSON(null)).toThrowError(InvalidDataError);
    expect(() => LinearLatencyPredictor.fromJSON(null)).toThrowError(/got null/);
    expect(() => LinearLatencyPredictor.fromJSON("linear")).toThrowError(/got string/);
    expect(() => LinearLatencyPredictor.fromJSON({ ...good, features: "everything" })).toThrowError(/features "everything"/);
    expect(() => LinearLatencyPredictor.fromJSON({ ...good, weights: good.weights.slice(1) })).toThrowError(/59 weights/);
    expect(() => LinearLatencyPredictor.fromJSON({ ...good, weights: [Number.NaN, ...good.weights.slice(1)] })).toThrowError(InvalidDataError);
    expect(() => LinearLatencyPredictor.fromJSON({ ...good, kind: "mlp" })).toThrowError(/kind "mlp"/);
  });

  it("rejects another space and a device with fewer than 2 valid rows", () => {
    const ofa = LatencyTable.create({ space: "ofa-mbv3", archs: ["r224-d44444-k77777777777777777777-e66666666666666666666"], devices: [{ info: { name: "g", source: "t" }, values: [1] }] });
    expect(() => LinearLatencyPredictor.fit(ofa, "g")).toThrowError(InvalidArgumentError);
    const empty = LatencyTable.create({ space: "nb201", archs: ARCHS.slice(0, 3), devices: [{ info: { name: "d", source: "t" }, values: [1, -1, Number.NaN] }] });
    expect(() => LinearLatencyPredictor.fit(empty, "d")).toThrowError(/1 valid rows; need at least 2/);
  });
});
