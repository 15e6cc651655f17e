import { describe, expect, it } from "vitest";
import { activeBackend, initBackend, tfjs } from "../../src/runtime/backend.js";
import { formatRuntimeReport, runtimeReport } from "../../src/runtime/report.js";

describe("initBackend", () => {
  it("pins wasm with SIMD and says why", async () => {
    const r = await initBackend("wasm");
    expect(r.backend).toBe("wasm");
    expect(tfjs().getBackend()).toBe("wasm");
    expect(r.reason).toMatch(/^wasm \(pinned by option; SIMD (on|off), threads (on|off)\)$/);
    expect(activeBackend()).toBe(r);
  });
  it("auto explains why native tfjs-node is not used when it is absent", async () => {
    const r = await initBackend("auto");
    // the npm alias that danfojs-node gets is @tensorflow/tfjs, not the native package
    expect(r.backend).toBe("wasm");
    expect(r.reason).toMatch(/^wasm \(tfjs-node not installed; SIMD/);
  });
  it("switches to cpu and back", async () => {
    expect((await initBackend("cpu")).backend).toBe("cpu");
    expect(tfjs().getBackend()).toBe("cpu");
    expect((await initBackend("wasm")).backend).toBe("wasm");
  });
  it("refuses a pinned tensorflow backend that cannot load, with the fix", async () => {
    await expect(initBackend("tensorflow")).rejects.toThrowError(/tfjs-node not installed; install it with "npm i @tensorflow\/tfjs-node"/);
  });
  it("rejects an unknown backend name", async () => {
    await expect(initBackend("webgpu" as never)).rejects.toThrowError(/invalid value "webgpu"; valid: auto, tensorflow, wasm, cpu/);
  });
});

describe("runtimeReport", () => {
  it("reports backend, versions and node", async () => {
    const r = await runtimeReport("wasm");
    expect(r.backend.backend).toBe("wasm");
    expect(r.node).toBe(process.version);
    expect(r.packages["@tensorflow/tfjs"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.packages["@tensorflow/tfjs-node"]).toBe("not installed");
    const text = formatRuntimeReport(r);
    expect(text.split("\n")[0]).toMatch(/^proxynas\s+\d+\.\d+\.\d+$/);
    expect(text).toContain("backend");
    expect(text).toContain(r.backend.reason);
  });
});
