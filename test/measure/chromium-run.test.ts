import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tableFromCsv } from "../../src/data/csv-table.js";
import { measureInChromium } from "../../src/measure/chromium-run.js";
import { readMeasurementFile } from "../../src/measure/measurement-file.js";

const ARCHS = [
  { index: 1, arch: "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|" },
  { index: 2, arch: "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|" },
];

describe("measureInChromium (end to end: server, bundle, headless Chromium on localhost)", () => {
  it("measures in the page with the same builders and protocol, and writes the file", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "pn-chromium-")), "c.csv");
    const s = await measureInChromium({ space: "nb201", runtime: "chromium-wasm", archs: ARCHS, out, protocol: { processWarmupMs: 200, passes: 2, warmup: 1, minRuns: 3, budgetMs: 0 }, repeat: 1 });
    expect(s).toMatchObject({ runtime: "chromium-wasm", measured: 4, failed: 0, repeated: 2 });
    const t = tableFromCsv(readFileSync(out, "utf8"), { space: "nb201" });
    const lat = t.latency("chromium-wasm");
    // 28x the FLOPs: the all-3x3 network measures slower in the browser too
    expect(lat[1] as number).toBeGreaterThan(lat[0] as number);
    const sec = (await readMeasurementFile(out))?.runtimes["chromium-wasm"];
    expect(sec?.metadata.userAgent).toMatch(/HeadlessChrome/);
    expect(sec?.metadata.backendDetail).toMatch(/^wasm \(SIMD (on|off), threads (on|off)\)$/);
    expect(sec?.repeats.length).toBe(2);
  }, 120_000);
  it("chromium-webgl: WebGL (the GPU, or SwiftShader without one), its renderer recorded", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "pn-chromium-")), "g.csv");
    const s = await measureInChromium({ space: "nb201", runtime: "chromium-webgl", archs: ARCHS.slice(0, 1), out, protocol: { processWarmupMs: 0, passes: 1, warmup: 1, minRuns: 2, maxRuns: 2, budgetMs: 0 } });
    expect(s).toMatchObject({ measured: 1, failed: 0 });
    const sec = (await readMeasurementFile(out))?.runtimes["chromium-webgl"];
    expect(sec?.metadata.backendDetail).toMatch(/^webgl \(WebGL [12]\); \S.+/);
  }, 120_000);
  it("rejects a runtime that is not Chromium's", async () => {
    await expect(measureInChromium({ space: "nb201", runtime: "node-wasm", archs: ARCHS, out: "x.csv" })).rejects.toThrow(/not a Chromium runtime/);
  });
});
