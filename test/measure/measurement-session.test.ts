import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors.js";
import { readMeasurementFile } from "../../src/measure/measurement-file.js";
import { MeasurementSession } from "../../src/measure/measurement-session.js";
import { runStats } from "../../src/measure/protocol.js";

const A = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const B = "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const identity = { runtime: "test-npu", host: "node" as const, backend: "wasm", backendDetail: "test", tfjsVersion: "4.22.0", userAgent: "test", machine: { cpu: "x", cores: 1, platform: "linux", arch: "x64", memoryGb: 1 } };
const out = () => path.join(mkdtempSync(path.join(tmpdir(), "pn-session-")), "m.csv");

describe("MeasurementSession", () => {
  it("records each architecture-pass, writes it at once, counts it, and resumes from the file", async () => {
    const file = out();
    const s = await MeasurementSession.open({ space: "nb201", archs: [{ index: 0, arch: A }, { index: 1, arch: B }], out: file, protocol: { passes: 1, paired: false } }, "test");
    s.start(identity);
    expect(s.pending().todo.map((u) => u.arch)).toEqual([A, B]);
    const first = s.pending().todo[0] as { index: number; arch: string; pass: number };
    await s.record("measure", first, { arch: A, ok: true, stats: runStats([2, 2, 2]) });
    // written at once: a second session on the same file sees it done
    const again = await MeasurementSession.open({ space: "nb201", archs: [{ index: 0, arch: A }, { index: 1, arch: B }], out: file, protocol: { passes: 1, paired: false } }, "test");
    again.start(identity);
    expect(again.pending().todo.map((u) => u.arch)).toEqual([B]);
    await s.record("measure", { index: 1, arch: B, pass: 0 }, { arch: B, ok: false, reason: "timed out" });
    const summary = s.summary(0);
    expect(summary).toMatchObject({ runtime: "test-npu", out: file, measured: 1, failed: 1, repeated: 0, skipped: 0 });
    const f = await readMeasurementFile(file);
    expect(f?.runtimes["test-npu"]?.results.map((r) => r.ok)).toEqual([true, false]);
    expect(f?.runtimes["test-npu"]?.metadata.batchSize).toBe(1);
  });
  it("checks every option and architecture before anything is measured, naming the caller", async () => {
    const file = out();
    await expect(MeasurementSession.open({ space: "nb201", archs: [], out: file }, "myRunner")).rejects.toThrowError(/myRunner: no architectures to measure/);
    await expect(MeasurementSession.open({ space: "nb201", archs: [{ index: 0, arch: A }, { index: 1, arch: A }], out: file }, "myRunner")).rejects.toThrowError(/is the same as architecture 0/);
    await expect(MeasurementSession.open({ space: "nb201", archs: [{ index: 0, arch: "|conv~0|" }], out: file }, "myRunner")).rejects.toThrowError(InvalidArgumentError);
    await expect(MeasurementSession.open({ space: "nb201", archs: [{ index: 0, arch: A }], out: file, seed: 0.5 }, "myRunner")).rejects.toThrowError(/seed 0.5 is not an integer/);
    await expect(MeasurementSession.open({ space: "nb201", archs: [{ index: 0, arch: A }], out: file, repeat: -1 }, "myRunner")).rejects.toThrowError(/repeat -1/);
    await expect(MeasurementSession.open({ space: "nb201", archs: [{ index: 0, arch: A }], out: path.join(file, "no", "m.csv") }, "myRunner")).rejects.toThrowError(/myRunner: the folder .* does not exist/);
    const s = await MeasurementSession.open({ space: "nb201", archs: [{ index: 0, arch: A }], out: file }, "myRunner");
    expect(() => s.pending()).toThrowError(/has not started/);
  });
});
