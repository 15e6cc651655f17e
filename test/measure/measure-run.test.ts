import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tableFromCsv } from "../../src/data/csv-table.js";
import { readMeasurementFile } from "../../src/measure/measurement-file.js";
import { measurementReport } from "../../src/measure/measurement-report.js";
import { measureInNode } from "../../src/measure/measure-run.js";
import { tfjs, tfjsNodeStatus } from "../../src/runtime/backend.js";

const ARCHS = [
  { index: 3, arch: "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|" },
  { index: 5, arch: "|skip_connect~0|+|nor_conv_1x1~0|none~1|+|none~0|none~1|avg_pool_3x3~2|" },
  { index: 8, arch: "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|" },
];
const FAST = { processWarmupMs: 0, passes: 2, warmup: 1, minRuns: 2, maxRuns: 2, budgetMs: 0 };
const tmp = () => mkdtempSync(join(tmpdir(), "pn-measure-"));

describe("measureInNode", () => {
  it("measures every architecture in every pass into a CSV the datasets layer reads, with metadata, and leaks no tensors", async () => {
    const out = join(tmp(), "m.csv");
    const seen: number[] = [];
    const s = await measureInNode({ space: "nb201", runtime: "node-wasm", archs: ARCHS, out, protocol: FAST, onProgress: (p) => seen.push(p.done) });
    expect(s).toMatchObject({ measured: 6, failed: 0, skipped: 0, repeated: 0 });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    const table = tableFromCsv(readFileSync(out, "utf8"), { space: "nb201", file: out });
    expect(table.deviceNames).toEqual(["node-wasm"]);
    expect([...table.latency("node-wasm")].every((v) => v > 0)).toBe(true);
    // the all-3x3 network has 28 times the FLOPs of the all-none one: it must measure slower
    const lat = table.latency("node-wasm");
    expect(lat[2] as number).toBeGreaterThan(lat[0] as number);
    const file = await readMeasurementFile(out);
    const sec = file?.runtimes["node-wasm"];
    expect(sec?.results.map((r) => [r.index, r.pass])).toEqual([[3, 0], [5, 0], [8, 0], [3, 1], [5, 1], [8, 1]]);
    expect(sec?.metadata).toMatchObject({ runtime: "node-wasm", backend: "wasm", batchSize: 1, imageShape: [32, 32, 3], seed: 0 });
    expect(sec?.protocol).toMatchObject(FAST);
    const before = tfjs().memory().numTensors;
    await measureInNode({ space: "nb201", runtime: "node-wasm", archs: ARCHS.slice(0, 1), out: join(tmp(), "n.csv"), protocol: FAST });
    expect(tfjs().memory().numTensors).toBe(before);
  });
  it("resumes: an interrupted run keeps what it measured, and a rerun skips what is done", async () => {
    const out = join(tmp(), "r.csv");
    let n = 0;
    await expect(
      measureInNode({ space: "nb201", runtime: "node-wasm", archs: ARCHS, out, protocol: FAST, onProgress: () => { if (++n === 2) throw new Error("interrupted"); } }),
    ).rejects.toThrow(/interrupted/);
    const kept = (await readMeasurementFile(out))?.runtimes["node-wasm"]?.results ?? [];
    expect(kept.length).toBe(2);
    const s = await measureInNode({ space: "nb201", runtime: "node-wasm", archs: ARCHS, out, protocol: FAST, repeat: 2 });
    expect(s).toMatchObject({ measured: 4, skipped: 2, repeated: 4 });
    const sec = (await readMeasurementFile(out))?.runtimes["node-wasm"];
    expect(sec?.results.slice(0, 2)).toEqual(kept);
    expect(sec?.repeats.map((r) => r.index)).toEqual([3, 5, 3, 5]);
    const again = await measureInNode({ space: "nb201", runtime: "node-wasm", archs: ARCHS, out, protocol: FAST, repeat: 2 });
    expect(again).toMatchObject({ measured: 0, skipped: 6, repeated: 0 });
    const [row] = measurementReport((await readMeasurementFile(out))!);
    expect(row).toMatchObject({ runtime: "node-wasm", measured: 3, failed: 0, repeats: 2 });
    await expect(measureInNode({ space: "nb201", runtime: "node-wasm", archs: ARCHS, out, protocol: { ...FAST, minRuns: 1, maxRuns: 1 } })).rejects.toThrow(/measured with minRuns = 2, not 1/);
  });
  it("a failed measurement is kept as missing with its reason, never as 0", async () => {
    const out = join(tmp(), "f.csv");
    const s = await measureInNode({ space: "nb201", runtime: "node-wasm", archs: ARCHS.slice(2), out, protocol: { ...FAST, passes: 1, timeoutMs: 1e-6 } });
    expect(s).toMatchObject({ measured: 0, failed: 1 });
    expect(readFileSync(out, "utf8")).toBe(`index,arch,node-wasm\n8,${ARCHS[2]?.arch},\n`);
    const [row] = measurementReport((await readMeasurementFile(out))!);
    expect(row?.failed).toBe(1);
    expect(Object.keys(row?.failures ?? {})[0]).toMatch(/over the timeout of 0\.000001 ms/);
  });
  it("bad input: unknown runtime, browser runtime here, bad or duplicate architectures; nothing written", async () => {
    const out = join(tmp(), "bad.csv");
    await expect(measureInNode({ space: "nb201", runtime: "node-gpu", archs: ARCHS, out })).rejects.toThrow(/runtime.*node-gpu.*node-wasm/);
    await expect(measureInNode({ space: "nb201", runtime: "chromium-wasm", archs: ARCHS, out })).rejects.toThrow(/runs in a browser/);
    await expect(measureInNode({ space: "nb201", runtime: "node-wasm", archs: [{ index: 0, arch: "|conv~0|" }], out })).rejects.toThrow(/architecture 0 \(index 0\).*not a NAS-Bench-201 architecture/);
    await expect(measureInNode({ space: "nb201", runtime: "node-wasm", archs: [ARCHS[0]!, { index: 9, arch: ARCHS[0]!.arch }], out })).rejects.toThrow(/architecture 1 .* is the same as architecture 0/);
    await expect(measureInNode({ space: "nb201", runtime: "node-wasm", archs: [], out })).rejects.toThrow(/no architectures/);
    if (!tfjsNodeStatus().installed) await expect(measureInNode({ space: "nb201", runtime: "node-tensorflow", archs: ARCHS, out })).rejects.toThrow(/tfjs-node not installed/);
    expect(existsSync(out)).toBe(false);
  });
});
