import { describe, expect, it } from "vitest";
import { localOfaSearch, LOCAL_OFA_SEARCH } from "../../src/experiments/local-ofa-search.js";
import { OFA_ACCURACY_COLUMN } from "../../src/search/ofa-search-table.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("localOfaSearch", () => {
  it("searches local-ofa with node-wasm as the one proxy: every other runtime a target, read within the budget, deterministic per seed", async () => {
    const a = await localOfaSearch({ seeds: 2, mirror: mirrorDir() });
    expect(a.table.accuracyNames).toEqual([OFA_ACCURACY_COLUMN]);
    const targets = a.table.deviceNames.filter((d) => d !== LOCAL_OFA_SEARCH.proxy);
    expect(a.rows.map((r) => r.target)).toEqual(targets);
    for (const r of a.rows) {
      expect(r.accuracy).toBe(OFA_ACCURACY_COLUMN);
      expect(r.seeds).toBe(2);
      expect(r.targetMeasurements).toBeGreaterThanOrEqual(LOCAL_OFA_SEARCH.samples);
      expect(r.targetMeasurements).toBeLessThanOrEqual(LOCAL_OFA_SEARCH.budget);
      expect(r.perDeviceMeasurements).toBe(a.table.rows);
      expect(r.adapted.regret).toBeGreaterThanOrEqual(0);
      expect(r.adapted.recall).toBeGreaterThan(0);
      expect(r.adapted.recall).toBeLessThanOrEqual(1);
    }
    const b = await localOfaSearch({ seeds: 2, mirror: mirrorDir() });
    expect(b.rows.map((r) => [r.adapted.regret, r.adapted.recall, r.srccMeasured])).toEqual(a.rows.map((r) => [r.adapted.regret, r.adapted.recall, r.srccMeasured]));
  }, 120_000);
});
