import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors.js";
import { readMeasurementFile } from "../../src/measure/measurement-file.js";
import { measureOnRuntime } from "../../src/measure/measure-on-runtime.js";

const ARCHS = [{ index: 1, arch: "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|" }];
const FAST = { processWarmupMs: 0, passes: 1, warmup: 1, minRuns: 2, maxRuns: 2, budgetMs: 0 };

describe("measureOnRuntime", () => {
  it("measures a Node runtime in this process (metadata says node)", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "pn-on-runtime-")), "n.csv");
    const s = await measureOnRuntime({ space: "nb201", runtime: "node-wasm", archs: ARCHS, out, protocol: FAST });
    expect(s).toMatchObject({ runtime: "node-wasm", measured: 1, failed: 0 });
    expect((await readMeasurementFile(out))?.runtimes["node-wasm"]?.metadata.host).toBe("node");
  });
  it("rejects an unknown runtime with the valid ones", async () => {
    const out = join(tmpdir(), "never.csv");
    await expect(measureOnRuntime({ space: "nb201", runtime: "safari-wasm", archs: ARCHS, out })).rejects.toThrow(InvalidArgumentError);
    await expect(measureOnRuntime({ space: "nb201", runtime: "safari-wasm", archs: ARCHS, out })).rejects.toThrow(/firefox-wasm/);
  });
});
