import { describe, expect, it } from "vitest";
import { fetchDataset } from "../../src/data/fetch.js";
import { loadTable } from "../../src/data/load.js";
import { datasetInfo } from "../../src/data/registry.js";
import { isNb201Canonical } from "../../src/spaces/nb201.js";

describe("local-nb201 (embedded)", () => {
  it("loads from the package with no download: at least 500 architectures on at least 4 runtimes, HELP's reference architecture index 0 included", async () => {
    expect(datasetInfo("local-nb201").files).toEqual([]);
    const fetched = await fetchDataset("local-nb201", { mirror: "/nonexistent" });
    expect(fetched.from).toBe("package");
    const t = await loadTable("local-nb201");
    expect(t.space).toBe("nb201");
    expect(t.rows).toBeGreaterThanOrEqual(500);
    expect(t.deviceNames.length).toBeGreaterThanOrEqual(1);
    for (let r = 0; r < t.rows; r++) expect(isNb201Canonical(t.archAt(r))).toBe(true);
    expect(t.rowOfArch("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")).toBeDefined();
    for (const d of t.deviceNames) {
      const col = t.latency(d);
      expect(col.every((v) => Number.isNaN(v) || v > 0), d).toBe(true);
    }
  });
});
