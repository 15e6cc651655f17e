import { describe, expect, it } from "vitest";
import { tableFromCsv } from "../../src/data/csv-table.js";
import { emptyMeasurementFile, runtimeSection, type ArchRecord, type RuntimeMetadata } from "../../src/measure/measurement-file.js";
import { loadLocalMeasurements, localDatasetPath, measurementsFor } from "../../src/measure/local-dataset.js";
import { measurementReport } from "../../src/measure/measurement-report.js";
import { resolveProtocol, runStats } from "../../src/measure/protocol.js";

const A = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const B = "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const C = "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const META = { runtime: "node-wasm", host: "node", backend: "wasm", backendDetail: "wasm", tfjsVersion: "4.22.0", proxynasVersion: "0.1.0", userAgent: "Node.js", machine: { cpu: "x", cores: 2, platform: "linux", arch: "x64", memoryGb: 24 }, batchSize: 1, imageShape: [32, 32, 3], seed: 0, reference: null } as RuntimeMetadata;

describe("measurementsFor", () => {
  it("maps a runtime's latencies to the table's rows (NaN where every pass failed); unknown runtime or architecture are typed errors", () => {
    const table = tableFromCsv(`index,arch,pixel3\n0,${A},1\n1,${B},2\n2,${C},3\n`, { space: "nb201" });
    const f = emptyMeasurementFile("nb201");
    const sec = runtimeSection(f, META, resolveProtocol(), "now");
    const rec = (arch: string, ms: number | undefined): ArchRecord => (ms === undefined ? { index: 9, arch, pass: 0, at: "t", ok: false, reason: "x" } : { index: 9, arch, pass: 0, at: "t", ok: true, ...runStats([ms]) });
    sec.results.push(rec(C, 30), rec(A, undefined));
    const m = measurementsFor(table, f, "node-wasm");
    expect([...m.entries()]).toEqual([[2, 30], [0, Number.NaN]]);
    expect(() => measurementsFor(table, f, "chromium-cpu")).toThrow(/runtime "chromium-cpu" is not in the file; it holds node-wasm/);
    sec.results.push(rec("|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|", 5));
    expect(() => measurementsFor(table, f, "node-wasm")).toThrow(/is not in <csv>|is not in/);
  });
});

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
