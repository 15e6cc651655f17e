/** The CLI as users call it: the built executable, stdout for data, stderr for messages, exit codes. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("proxynas (exit codes and messages)", () => {
  it("a bad option value is a usage error on stderr with exit 2", () => {
    const r = cli("doctor", "--format", "xml");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('--format: invalid value "xml"; valid: text, json');
  });
  it("an unknown command exits 2", () => {
    const r = cli("frobnicate");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
  });
  it("a failing step exits 1 with the message on stderr", () => {
    const r = cli("notebooks", "run", "does-not-exist");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/notebook does-not-exist not found in notebooks; available:/);
  });
});
