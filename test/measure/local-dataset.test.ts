import { describe, expect, it } from "vitest";
import { loadLocalMeasurements, localDatasetPath } from "../../src/measure/local-dataset.js";
import { measurementReport } from "../../src/measure/measurement-report.js";

describe("loadLocalMeasurements", () => {
  it("reads the embedded file's sidecar: every runtime has its metadata, protocol and a repeatability measurement", async () => {
    expect(localDatasetPath()).toMatch(/datasets\/local-nb201\.csv$/);
    const f = await loadLocalMeasurements();
    const rows = measurementReport(f);
    // the embedded dataset's contract: at least 4 runtime-devices, 500 architectures each,
    // 100 of them re-measured with a rank correlation of at least 0.98 against the first measurement
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(r.measured, r.runtime).toBeGreaterThanOrEqual(500);
      expect(r.repeats, r.runtime).toBeGreaterThanOrEqual(100);
      expect(r.repeatSrcc, r.runtime).toBeGreaterThanOrEqual(0.98);
      expect(f.runtimes[r.runtime]?.metadata.runtime).toBe(r.runtime);
    }
  });
});
