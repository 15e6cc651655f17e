import { describe, expect, it } from "vitest";
import { loadLookupTables } from "../../src/data/load-lut.js";
import { loadTable } from "../../src/data/load.js";
import { lookupTableComparison } from "../../src/experiments/lookup-table-comparison.js";
import { predictionMetrics } from "../../src/predict/metrics.js";
import { LookupTablePredictor } from "../../src/predict/lut-predictor.js";
import { ofaParse } from "../../src/spaces/ofa.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("lookupTableComparison", () => {
  it("calibrates on seeded subnets and judges both predictors on the others", async () => {
    const ofa = await loadTable("help-ofa", { mirror: mirrorDir() });
    const lut = LookupTablePredictor.create(await loadLookupTables("ofa-note10-lut", { mirror: mirrorDir() }));
    const c = lookupTableComparison(ofa, lut, "titan_rtx_1", { calibrate: 10, seed: 3 });
    const eligible = ofa.archs().filter((a) => lut.resolutions.includes(ofaParse(a).r)).length;
    expect(c.subnets).toBe(eligible);
    expect(c.subnets).toBeLessThan(ofa.rows);
    expect(c.calibrationRows).toHaveLength(10);
    expect(c.results.map((r) => r.rows)).toEqual([eligible - 10, eligible - 10]);
    // the held-out rows: eligible rows the calibration did not use
    const used = new Set(c.calibrationRows);
    const lat = ofa.latency("titan_rtx_1");
    const test = ofa.archs().flatMap((a, r) => (lut.resolutions.includes(ofaParse(a).r) && !used.has(r) ? [r] : []));
    const cal = lut.calibrate(c.calibrationRows.map((r) => ({ arch: ofa.archAt(r), latency: lat[r] as number })));
    const expected = predictionMetrics(cal.predict(test.map((r) => ofa.archAt(r))), test.map((r) => lat[r] as number));
    expect(c.results[1]).toMatchObject({ predictor: "table sum, calibrated on 10 subnets", srcc: expected.srcc, rmse: expected.rmse });
    // a positive linear calibration keeps the ranking: same SRCC, smaller error
    expect(c.results[1]?.srcc).toBeCloseTo(c.results[0]?.srcc as number, 12);
    expect(c.results[1]?.rmse).toBeLessThan(c.results[0]?.rmse as number);
    expect(lookupTableComparison(ofa, lut, "titan_rtx_1", { calibrate: 10, seed: 3 })).toEqual(c);
    expect(lookupTableComparison(ofa, lut, "titan_rtx_1", { calibrate: 10, seed: 4 }).calibrationRows).not.toEqual(c.calibrationRows);
  });

  it("rejects another space and too few subnets, naming them", async () => {
    const ofa = await loadTable("help-ofa", { mirror: mirrorDir() });
    const lut = LookupTablePredictor.create(await loadLookupTables("ofa-note10-lut", { mirror: mirrorDir() }));
    const local = await loadTable("local-nb201");
    expect(() => lookupTableComparison(local, lut, local.deviceNames[0] as string)).toThrowError(/is a nb201 table; the lookup tables price Once-for-All subnets/);
    expect(() => lookupTableComparison(ofa, lut, "titan_rtx_1", { calibrate: 100000 })).toThrowError(/calibrating on 100000 needs at least 100001/);
  });
});
