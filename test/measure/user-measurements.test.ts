import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tableFromCsv } from "../../src/data/csv-table.js";
import { InvalidDataError } from "../../src/errors.js";
import { emptyMeasurementFile, runtimeSection, type ArchRecord, type RuntimeMetadata } from "../../src/measure/measurement-file.js";
import { resolveProtocol, runStats } from "../../src/measure/protocol.js";
import { measurementsFor, readArchRows, readMeasurements } from "../../src/measure/user-measurements.js";

const A = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const B = "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const C = "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const META = { runtime: "node-wasm", host: "node", backend: "wasm", backendDetail: "wasm", tfjsVersion: "4.22.0", proxynasVersion: "0.1.0", userAgent: "Node.js", machine: { cpu: "x", cores: 2, platform: "linux", arch: "x64", memoryGb: 24 }, batchSize: 1, imageShape: [32, 32, 3], seed: 0, reference: null } as RuntimeMetadata;

const table = () => tableFromCsv(`index,arch,pixel3\n0,${A},1\n1,${B},2\n2,${C},3\n`, { space: "nb201" });
const csv = (text: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "pn-um-")), "m.csv");
  writeFileSync(file, text);
  return file;
};

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

describe("readMeasurements", () => {
  it("reads arch,latency_ms keyed by the table's rows; an empty cell is a failed measurement", async () => {
    const m = await readMeasurements(csv(`arch,latency_ms\n${C},3.5\n${A},\n`), table());
    expect([...m.entries()]).toEqual([[2, 3.5], [0, Number.NaN]]);
  });
  it("takes one latency column of a wide CSV, or the one --column names", async () => {
    const wide = csv(`index,arch,node-wasm,chromium-wasm\n1,${B},2,4\n`);
    await expect(readMeasurements(wide, table())).rejects.toThrowError(/expected columns arch,latency_ms/);
    expect([...(await readMeasurements(wide, table(), { column: "chromium-wasm" })).entries()]).toEqual([[1, 4]]);
  });
  it("names the file and line of an unknown architecture, a duplicate, or a value that is not a latency", async () => {
    await expect(readMeasurements(csv(`arch,latency_ms\n|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|,1\n`), table())).rejects.toThrowError(/line 2: architecture .* is not in/);
    await expect(readMeasurements(csv(`arch,latency_ms\n${A},1\n${A},2\n`), table())).rejects.toThrowError(/line 3: architecture .* is measured twice/);
    await expect(readMeasurements(csv(`arch,latency_ms\n${A},-2\n`), table())).rejects.toThrowError(InvalidDataError);
    await expect(readMeasurements(csv(`arch,latency_ms\n${A},fast\n`), table())).rejects.toThrowError(/"fast" is not a latency/);
  });
});

describe("readArchRows", () => {
  it("reads the rows a select output names, and needs an arch column", async () => {
    expect([...(await readArchRows(csv(`index,arch\n2,${C}\n0,${A}\n`), table()))]).toEqual([2, 0]);
    await expect(readArchRows(csv("index\n2\n"), table())).rejects.toThrowError(/expected an arch column/);
  });
});

describe("readMeasurements on a repeated column", () => {
  it("refuses a header that names a column twice", async () => {
    await expect(readMeasurements(csv(`arch,latency_ms,latency_ms\n${A},1,2\n`), table())).rejects.toThrowError(/column "latency_ms" appears twice/);
  });
});

describe("readMeasurements: one rule for latency cells, named positions", () => {
  it("reads decimal milliseconds > 0; empty and -1 are missing; hex, zero, text are refused and cut when long", async () => {
    const m = await readMeasurements(csv(`arch,latency_ms\n${A},1.5e0\n${B},-1\n${C},\n`), table());
    expect([...m.entries()]).toEqual([[0, 1.5], [1, Number.NaN], [2, Number.NaN]]);
    await expect(readMeasurements(csv(`arch,latency_ms\n${A},0x10\n`), table())).rejects.toThrowError(/line 2, column latency_ms: "0x10" is not a latency/);
    await expect(readMeasurements(csv(`arch,latency_ms\n${A},0\n`), table())).rejects.toThrowError(/"0" is not a latency/);
    const long = await readMeasurements(csv(`arch,latency_ms\n${A},${"9".repeat(10_000)}x\n`), table()).catch((e: Error) => e);
    expect((long as Error).message.length).toBeLessThan(300);
  });
  it("names file and line for an unparseable architecture (a data error, not a usage error) and a file with only its header", async () => {
    const bad = await readMeasurements(csv(`arch,latency_ms\n|conv~0|,1\n`), table()).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidDataError);
    expect((bad as Error).message).toMatch(/m\.csv: line 2: "\|conv~0\|" is not a nb201 architecture/);
    await expect(readMeasurements(csv("arch,latency_ms\n"), table())).rejects.toThrowError(/no measurements after the header/);
  });
});
