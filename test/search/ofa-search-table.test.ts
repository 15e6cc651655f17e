import { beforeAll, describe, expect, it } from "vitest";
import { adaptContext } from "../../src/adapt/adapt.js";
import { loadTable } from "../../src/data/load.js";
import { loadLookupTables } from "../../src/data/load-lut.js";
import { LookupTablePredictor } from "../../src/predict/lut-predictor.js";
import { loadOfaAccuracyPredictorWeights } from "../../src/data/load-lut.js";
import { OfaAccuracyPredictor } from "../../src/predict/ofa-accuracy-predictor.js";
import { loadOfaSearchTable, OFA_ACCURACY_COLUMN, OFA_PROXY_COLUMN, withOfaAccuracy, type OfaSearchTable } from "../../src/search/ofa-search-table.js";
import { oneProxySearch, scoreOneProxy } from "../../src/search/one-proxy.js";
import { ofaParse } from "../../src/spaces/ofa.js";
import { mirrorDir } from "../helpers/mirror.js";

let o: OfaSearchTable;
beforeAll(async () => {
  o = await loadOfaSearchTable({ mirror: mirrorDir() });
}, 120_000);

describe("loadOfaSearchTable", () => {
  it("keeps HELP's subnets at the lookup table's resolutions, counts the rest, and adds the proxy and accuracy columns", async () => {
    const help = await loadTable("help-ofa", { mirror: mirrorDir() });
    expect(o.table.rows + o.leftOut).toBe(help.rows);
    expect(o.table.rows).toBeGreaterThan(500);
    expect(o.table.archs().every((a) => o.resolutions.includes(ofaParse(a).r))).toBe(true);
    expect(help.archs().filter((a) => !o.resolutions.includes(ofaParse(a).r))).toHaveLength(o.leftOut);
    expect(o.table.deviceNames).toEqual([...help.deviceNames, OFA_PROXY_COLUMN]);
    // HELP's measured latencies are carried over row for row
    const row = 7;
    const helpRow = help.rowOfArch(o.table.archAt(row)) as number;
    expect(o.table.latency("v100_1")[row]).toBe(help.latency("v100_1")[helpRow]);
    // the proxy column is the lookup table's prediction
    const lut = LookupTablePredictor.create(await loadLookupTables("ofa-note10-lut", { mirror: mirrorDir() }));
    expect(o.table.latency(OFA_PROXY_COLUMN)[row]).toBeCloseTo(lut.predict([o.table.archAt(row)])[0] as number, 9);
    const acc = o.table.accuracy(OFA_ACCURACY_COLUMN);
    expect(acc.every((v) => v > 60 && v < 90)).toBe(true);
  });
  it("runs the one-proxy pipeline: the target is read at the K samples and the set only", () => {
    const ctx = adaptContext(o.table, [OFA_PROXY_COLUMN]);
    const acc = o.table.accuracy(OFA_ACCURACY_COLUMN);
    const target = o.table.latency("v100_1");
    const r = oneProxySearch(ctx, acc, (row) => target[row] as number, { seed: 2, target: "v100_1" });
    expect(r.adapted).toBe(true);
    expect(r.targetMeasurements).toBeLessThanOrEqual(100);
    const corrupt = Float64Array.from(target, (v, i) => (r.measured.includes(i) ? v : 1e6 - v));
    const again = oneProxySearch(ctx, acc, (row) => corrupt[row] as number, { seed: 2, target: "v100_1" });
    expect(again.pipelineSet).toEqual(r.pipelineSet);
    // batch-1 V100 ranks subnets unlike the phone's lookup table: adaptation must beat the proxy's own front
    const s = scoreOneProxy(r, target, acc);
    expect(s.adapted.regret).toBeLessThan(s.proxyFront.regret);
  });
});

describe("withOfaAccuracy", () => {
  it("adds OFA's predicted top-1 of every subnet at any resolution, as a new table: the input keeps its columns", async () => {
    const local = await loadTable("local-ofa");
    const t = await withOfaAccuracy(local, { mirror: mirrorDir() });
    expect(local.accuracyNames).toEqual([]);
    expect(t.accuracyNames).toEqual([OFA_ACCURACY_COLUMN]);
    expect(t.deviceNames).toEqual(local.deviceNames);
    expect(t.archs()).toEqual(local.archs());
    const predictor = OfaAccuracyPredictor.create(await loadOfaAccuracyPredictorWeights({ mirror: mirrorDir() }));
    const rows = [0, 150, local.rows - 1];
    const want = predictor.predict(rows.map((r) => local.archAt(r)));
    rows.forEach((r, i) => expect(t.accuracy(OFA_ACCURACY_COLUMN)[r]).toBe(want[i]));
    // local-ofa reaches below the lookup table's resolutions: 128 is scored too
    expect(local.archs().some((a) => ofaParse(a).r < 160)).toBe(true);
    expect(t.accuracy(OFA_ACCURACY_COLUMN).every((v) => v > 50 && v < 90)).toBe(true);
  });
  it("names the space it scores for a table of another space", async () => {
    await expect(withOfaAccuracy(await loadTable("local-nb201"), { mirror: mirrorDir() })).rejects.toThrow(/is a nb201 table; OFA's accuracy predictor scores ofa-mbv3 subnets/);
  });
});
