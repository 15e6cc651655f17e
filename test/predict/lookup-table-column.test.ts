import { describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { loadLookupTables } from "../../src/data/load-lut.js";
import { withLookupTableColumn } from "../../src/predict/lookup-table-column.js";
import { LookupTablePredictor } from "../../src/predict/lut-predictor.js";
import { seededRng } from "../../src/random.js";
import { PROXYLESS_GENOME } from "../../src/search/genome.js";
import { ofaParse } from "../../src/spaces/ofa.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("withLookupTableColumn", () => {
  it("adds the Note10 tables' sum to Once-for-All rows at their resolutions, and marks the other rows missing", async () => {
    const local = await loadTable("local-ofa");
    const tables = await loadLookupTables("ofa-note10-lut", { mirror: mirrorDir() });
    const t = withLookupTableColumn(local, tables, "note10_lut");
    expect(local.hasDevice("note10_lut")).toBe(false);
    expect(t.deviceNames).toEqual([...local.deviceNames, "note10_lut"]);
    const lut = LookupTablePredictor.create(tables);
    const col = t.latency("note10_lut");
    let covered = 0;
    local.archs().forEach((a, r) => {
      if ([160, 176, 192, 208, 224].includes(ofaParse(a).r)) {
        covered++;
        expect(col[r]).toBe(lut.predict([a])[0]);
      } else expect(col[r]).toBeNaN();
    });
    expect(covered).toBeGreaterThan(30);
    expect(t.missingCount("note10_lut").missing).toBe(local.rows - covered);
  });
  it("prices every ProxylessNAS row with the mobile table; refuses another space's tables and a taken name", async () => {
    const rng = seededRng(1);
    const archs = [...new Set(Array.from({ length: 20 }, () => PROXYLESS_GENOME.format(PROXYLESS_GENOME.sample(rng))))];
    const table = LatencyTable.create({ space: "proxyless", archs, devices: [{ info: { name: "mine", source: "test" }, values: archs.map((_, i) => 10 + i) }] });
    const mobile = await loadLookupTables("proxylessnas-mobile-lut", { mirror: mirrorDir() });
    const t = withLookupTableColumn(table, mobile, "mobile_lut");
    expect(t.latency("mobile_lut")).toEqual(LookupTablePredictor.create(mobile).predict(archs));
    const note10 = await loadLookupTables("ofa-note10-lut", { mirror: mirrorDir() });
    expect(() => withLookupTableColumn(table, note10, "x")).toThrow(/ofa-note10-lut prices ofa-mbv3 networks; .* is a proxyless table/);
    expect(() => withLookupTableColumn(table, mobile, "mine")).toThrow(/already has a device "mine"/);
  });
});
