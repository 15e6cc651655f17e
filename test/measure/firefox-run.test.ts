import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tableFromCsv } from "../../src/data/csv-table.js";
import { measureInFirefox } from "../../src/measure/firefox-run.js";
import { readMeasurementFile } from "../../src/measure/measurement-file.js";

const ARCHS = [
  { index: 1, arch: "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|" },
  { index: 2, arch: "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|" },
];

describe("measureInFirefox (end to end: server, bundle, headless Firefox on localhost)", () => {
  it("measures in the page with the same builders and protocol, records Firefox's user agent, and closes Firefox", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "pn-firefox-run-")), "f.csv");
    const s = await measureInFirefox({ space: "nb201", runtime: "firefox-wasm", archs: ARCHS, out, protocol: { processWarmupMs: 200, passes: 2, warmup: 1, minRuns: 3, budgetMs: 0 }, repeat: 1 });
    expect(s).toMatchObject({ runtime: "firefox-wasm", measured: 4, failed: 0, repeated: 2 });
    const t = tableFromCsv(readFileSync(out, "utf8"), { space: "nb201" });
    const lat = t.latency("firefox-wasm");
    // the all-conv-3x3 network is the slowest of the space, the all-none one among the fastest
    expect(lat[1] as number).toBeGreaterThan(lat[0] as number);
    const sec = (await readMeasurementFile(out))?.runtimes["firefox-wasm"];
    expect(sec?.metadata.userAgent).toMatch(/Firefox\//);
    expect(sec?.metadata.backendDetail).toMatch(/^wasm \(SIMD (on|off)/);
    expect(sec?.metadata.host).toBe("browser");
    expect(sec?.repeats.length).toBe(2);
  }, 180_000);

  it("rejects a runtime that is not a Firefox runtime", async () => {
    await expect(measureInFirefox({ space: "nb201", runtime: "chromium-wasm", archs: ARCHS, out: join(tmpdir(), "never.csv") })).rejects.toThrow(/not a Firefox runtime; expected firefox-wasm/);
  });
});
