import { beforeAll, describe, expect, it } from "vitest";
import { loadLookupTables, type LookupTable } from "../../src/data/load-lut.js";
import { LookupTablePredictor } from "../../src/predict/lut-predictor.js";
import { seededRng } from "../../src/random.js";
import { ofaFormat, ofaLayerKeys, ofaSample } from "../../src/spaces/ofa.js";
import { proxylessFormat, proxylessLayerKeys, proxylessParse, proxylessSample } from "../../src/spaces/proxyless.js";
import { mirrorDir } from "../helpers/mirror.js";

let luts: LookupTable[];
beforeAll(async () => {
  luts = await loadLookupTables("ofa-note10-lut", { mirror: mirrorDir() });
});

describe("LookupTablePredictor", () => {
  it("sums the table's per-layer means over the subnet's layers", () => {
    const p = LookupTablePredictor.create(luts);
    const a = { ...ofaSample(seededRng(1)), r: 192 };
    const lut = luts.find((l) => l.resolution === 192) as LookupTable;
    const expected = ofaLayerKeys(a).reduce((s, k) => s + (lut.entries.get(k)?.mean as number), 0);
    expect(p.predict([a])[0]).toBeCloseTo(expected, 12);
    expect(p.predict([ofaFormat(a)])[0]).toBeCloseTo(expected, 12);
  });
  it("calibration recovers an affine map from a few measured networks, and round-trips through JSON", () => {
    const p = LookupTablePredictor.create(luts);
    const rng = seededRng(2);
    const archs = Array.from({ length: 6 }, () => ({ ...ofaSample(rng), r: 224 }));
    const measured = archs.map((a) => ({ arch: a, latency: 0.4 * p.tableSum(a) + 3 }));
    const c = p.calibrate(measured);
    expect(c.calibration.scale).toBeCloseTo(0.4, 10);
    expect(c.calibration.offset).toBeCloseTo(3, 8);
    const back = LookupTablePredictor.fromJSON(JSON.parse(JSON.stringify(c.toJSON())), luts);
    expect(back.predict(archs)).toEqual(c.predict(archs));
  });
  it("asking for a resolution without a table lists those with one", () => {
    const p = LookupTablePredictor.create(luts);
    expect(() => p.predict([{ ...ofaSample(seededRng(3)), r: 168 }])).toThrowError(/no lookup table for resolution 168; resolutions: 160, 176, 192, 208, 224/);
    expect(() => p.calibrate([])).toThrowError(/at least 2 measured networks/);
    expect(() => LookupTablePredictor.create([])).toThrowError(/no lookup tables/);
  });
});

describe("LookupTablePredictor on ProxylessNAS's mobile table", () => {
  it("prices every network of the space: each layer's key is in the table, the sum is the table's means over them", async () => {
    const tables = await loadLookupTables("proxylessnas-mobile-lut", { mirror: mirrorDir() });
    const p = LookupTablePredictor.create(tables);
    expect(p.resolutions).toEqual([224]);
    const rng = seededRng(4);
    const archs = Array.from({ length: 200 }, () => proxylessFormat(proxylessSample(rng)));
    const lut = tables[0] as LookupTable;
    const sums = p.predict(archs);
    archs.forEach((a, i) => expect(sums[i]).toBeCloseTo(proxylessLayerKeys(proxylessParse(a)).reduce((s, k) => s + (lut.entries.get(k)?.mean as number), 0), 12));
    // all k7e6 is the slowest network, the smallest one the fastest
    const largest = p.predict([Array(21).fill("k7e6").join("-")])[0] as number;
    const smallest = p.predict([Array.from({ length: 21 }, (_, l) => ([0, 4, 8, 12, 16, 20].includes(l) ? "k3e3" : "skip")).join("-")])[0] as number;
    expect(Math.max(...sums)).toBeLessThan(largest);
    expect(Math.min(...sums)).toBeGreaterThan(smallest);
    expect(() => p.predict([ofaFormat(ofaSample(rng))])).toThrow(/layers, expected 21/);
  });
});
