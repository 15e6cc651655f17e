import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load.js";
import { loadLocalMeasurements } from "../../src/measure/local-dataset.js";
import { measurementReport } from "../../src/measure/measurement-report.js";

// the embedded datasets' contract: its runtime-devices (4 for local-nb201 and local-ofa; the
// ProxylessNAS table has the 2 wasm runtimes so far, docs/measurement.md), each with its metadata
// and protocol, every architecture measured, 100 of them re-measured with a rank correlation of at
// least 0.98 against the first measurement
describe.each([
  ["local-nb201", 500, 4],
  ["local-ofa", 300, 4],
  ["local-proxyless", 300, 4],
] as const)("loadLocalMeasurements(%s)", (name, archs, runtimes) => {
  it(`reads the sidecar: ${runtimes} runtimes, each with its metadata, protocol, ${archs} architectures and a repeatability measurement`, async () => {
    const f = await loadLocalMeasurements(name);
    const rows = measurementReport(f);
    expect(rows.length).toBeGreaterThanOrEqual(runtimes);
    for (const r of rows) {
      expect(r.measured, r.runtime).toBeGreaterThanOrEqual(archs);
      expect(r.failed, r.runtime).toBe(0);
      expect(r.repeats, r.runtime).toBeGreaterThanOrEqual(100);
      expect(r.repeatSrcc, r.runtime).toBeGreaterThanOrEqual(0.98);
      expect(f.runtimes[r.runtime]?.metadata.runtime).toBe(r.runtime);
    }
    // the CSV and its sidecar describe the same runtimes
    expect([...(await loadTable(name)).deviceNames].sort()).toEqual(rows.map((r) => r.runtime).sort());
  });
});

describe("loadLocalMeasurements", () => {
  it("names the embedded datasets for any other name", async () => {
    await expect(loadLocalMeasurements("help-nb201" as "local-ofa")).rejects.toThrow(/not an embedded dataset \(valid: local-nb201, local-ofa, local-proxyless\)/);
  });
});
