import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { combinePasses, mergeMeasurementFiles, pendingWork, repeatWork, referenceScale, emptyMeasurementFile, measurementCsv, readMeasurementFile, runtimeSection, type ArchRecord, type RuntimeMetadata } from "../../src/measure/measurement-file.js";
import { resolveProtocol, runStats } from "../../src/measure/protocol.js";

const A = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const B = "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const ok = (arch: string, pass: number, times: number[]): ArchRecord => ({ index: arch === A ? 7 : 9, arch, pass, at: "2026-11-22T00:00:00.000Z", ok: true, ...runStats(times) });
const bad = (arch: string, pass: number, reason: string): ArchRecord => ({ index: arch === A ? 7 : 9, arch, pass, at: "2026-11-22T00:00:00.000Z", ok: false, reason });
const META: RuntimeMetadata = {
  runtime: "node-wasm", host: "node", backend: "wasm", backendDetail: "wasm", tfjsVersion: "4.22.0", proxynasVersion: "0.1.0", userAgent: "Node.js",
  machine: { cpu: "x", cores: 2, platform: "linux", arch: "x64", memoryGb: 24 }, batchSize: 1, imageShape: [32, 32, 3], seed: 0, reference: null,
};

describe("combinePasses", () => {
  it("median of the pass medians; missing only when every pass failed, with the reason", () => {
    const c = combinePasses([ok(A, 0, [10]), ok(A, 1, [30, 30]), ok(A, 2, [12]), bad(B, 0, "timed run 0 took 99 ms, over the timeout"), bad(B, 1, "x")]);
    expect(c.get(A)).toMatchObject({ ok: true, medianMs: 12, passes: 3, failedPasses: 0, index: 7 });
    expect(c.get(B)).toMatchObject({ ok: false, reason: "timed run 0 took 99 ms, over the timeout", failedPasses: 2 });
    const d = combinePasses([ok(A, 0, [10]), bad(A, 1, "x")]);
    expect(d.get(A)).toMatchObject({ ok: true, medianMs: 10, passes: 1, failedPasses: 1 });
    expect(combinePasses([ok(A, 0, [10]), ok(A, 1, [20])]).get(A)).toMatchObject({ medianMs: 15 });
  });
  it("paired records: a pass's latency is its ratio to the reference times the runtime's reference scale", () => {
    const paired = (arch: string, pass: number, ratio: number, referenceMs: number): ArchRecord => ({ ...ok(arch, pass, [99]), ratio, ratioMad: 0, ratioCv: 0, referenceMs } as ArchRecord);
    const recs = [paired(A, 0, 2, 10), paired(A, 1, 2.2, 30), paired(B, 0, 0.5, 20)];
    expect(referenceScale(recs)).toBe(20);
    const c = combinePasses(recs, referenceScale(recs));
    expect(c.get(A)).toMatchObject({ ok: true, medianMs: 42 }); // median of 2 x 20 and 2.2 x 20
    expect(c.get(B)).toMatchObject({ medianMs: 10 });
    // without a scale, the network's own medians
    expect(combinePasses(recs).get(A)).toMatchObject({ medianMs: 99 });
    expect(referenceScale([ok(A, 0, [1])])).toBeNaN();
  });
  it("the CSV has one column per runtime and an empty cell for a failed architecture", () => {
    const f = emptyMeasurementFile("nb201");
    const s = runtimeSection(f, META, resolveProtocol(), "now");
    s.results.push(ok(A, 0, [10]), bad(B, 0, "failed"));
    expect(measurementCsv(f)).toBe(`index,arch,node-wasm\n7,${A},10\n9,${B},\n`);
  });
});

describe("runtimeSection", () => {
  it("refuses to mix protocols or seeds in one runtime column", () => {
    const f = emptyMeasurementFile("nb201");
    runtimeSection(f, META, resolveProtocol(), "now");
    expect(runtimeSection(f, META, resolveProtocol(), "later").started).toBe("now");
    expect(() => runtimeSection(f, META, resolveProtocol({ passes: 3 }), "later")).toThrow(/measured with passes = 2, not 3/);
    expect(() => runtimeSection(f, { ...META, seed: 1 }, resolveProtocol(), "later")).toThrow(/seed 0, not 1/);
  });

  it("a file written before the reference guard existed was measured with the guard off", () => {
    const f = emptyMeasurementFile("nb201");
    const { referenceGuard: _g, guardRetries: _r, ...old } = resolveProtocol();
    f.runtimes["node-wasm"] = { metadata: META, protocol: old as ReturnType<typeof resolveProtocol>, started: "then", results: [], repeats: [] };
    expect(() => runtimeSection(f, META, resolveProtocol(), "now")).toThrow(/measured with referenceGuard = 0, not 1.1/);
    expect(runtimeSection(f, META, resolveProtocol({ referenceGuard: 0, guardRetries: 0 }), "now").started).toBe("then");
  });
});

describe("readMeasurementFile", () => {
  it("undefined when absent; typed errors naming the file for a foreign CSV or a corrupt sidecar", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pn-mf-"));
    expect(await readMeasurementFile(join(dir, "none.csv"))).toBeUndefined();
    writeFileSync(join(dir, "foreign.csv"), "index,arch\n");
    await expect(readMeasurementFile(join(dir, "foreign.csv"))).rejects.toThrow(/foreign\.csv: exists without its sidecar/);
    writeFileSync(join(dir, "cut.csv.json"), '{"format": "proxynas-measurements/1", "sp');
    await expect(readMeasurementFile(join(dir, "cut.csv"))).rejects.toThrow(/cut\.csv\.json: not valid JSON/);
    writeFileSync(join(dir, "other.csv.json"), '{"format": "something-else"}');
    await expect(readMeasurementFile(join(dir, "other.csv"))).rejects.toThrow(/format is "something-else"; expected "proxynas-measurements\/1"/);
    writeFileSync(join(dir, "half.csv.json"), '{"format": "proxynas-measurements/1", "space": "nb201", "runtimes": {"node-wasm": {"results": []}}}');
    await expect(readMeasurementFile(join(dir, "half.csv"))).rejects.toThrow(/runtime "node-wasm" must have metadata, protocol, results\[\] and repeats\[\]/);
  });
});

describe("mergeMeasurementFiles", () => {
  it("one runtime per file into one file; the CSV has every runtime's column; conflicts are typed errors", () => {
    const a = emptyMeasurementFile("nb201");
    runtimeSection(a, META, resolveProtocol(), "now").results.push(ok(A, 0, [10]));
    const b = emptyMeasurementFile("nb201");
    runtimeSection(b, { ...META, runtime: "chromium-wasm" }, resolveProtocol(), "now").results.push(ok(A, 0, [12]), ok(B, 0, [7]));
    const m = mergeMeasurementFiles([a, b]);
    expect(Object.keys(m.runtimes)).toEqual(["node-wasm", "chromium-wasm"]);
    expect(measurementCsv(m)).toBe(`index,arch,node-wasm,chromium-wasm\n7,${A},10,12\n9,${B},,7\n`);
    expect(() => mergeMeasurementFiles([a, a])).toThrow(/runtime node-wasm is in more than one file/);
    expect(() => mergeMeasurementFiles([a, emptyMeasurementFile("ofa-mbv3")])).toThrow(/file 1 holds ofa-mbv3/);
    expect(() => mergeMeasurementFiles([])).toThrow(/no files/);
  });
});

describe("pendingWork / repeatWork", () => {
  it("every architecture in every pass, minus the records taken; repeats follow the first successful architectures", () => {
    const list = [{ index: 7, arch: A }, { index: 9, arch: B }];
    const w = pendingWork(list, [ok(A, 0, [1]), ok(B, 1, [1])], 2);
    expect(w).toEqual({ todo: [{ index: 9, arch: B, pass: 0 }, { index: 7, arch: A, pass: 1 }], done: 2, total: 4 });
    const f = emptyMeasurementFile("nb201");
    const sec = runtimeSection(f, META, resolveProtocol({ passes: 1 }), "now");
    sec.results.push(bad(A, 0, "x"), ok(B, 0, [2]));
    expect(repeatWork(sec, 5).todo).toEqual([{ index: 9, arch: B, pass: 0 }]);
    sec.repeats.push(ok(B, 0, [2]));
    expect(repeatWork(sec, 5)).toMatchObject({ todo: [], done: 1, total: 1 });
  });
});
