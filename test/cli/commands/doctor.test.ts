/** The CLI as users call it: the built executable, stdout for data, stderr for messages, exit codes. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("proxynas doctor", () => {
  it("doctor --format json prints the runtime report on stdout and exits 0", () => {
    const r = cli("doctor", "--backend", "wasm", "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { backend: { backend: string; reason: string }; tools: Record<string, string> };
    expect(report.backend.backend).toBe("wasm");
    expect(report.backend.reason).toMatch(/^wasm \(pinned by option/);
    expect(report.tools["jupyter"]).toBe("ok");
    expect(report.tools["chromium"]).toMatch(/^ok/);
  });
  it("doctor as text shows the backend line", () => {
    const r = cli("doctor");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^backend\s+wasm \(tfjs-node not installed; SIMD/m);
  });
});
