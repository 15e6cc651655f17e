/** The CLI as users call it: the built executable, stdout for data, stderr for messages, exit codes. */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mirrorDir } from "../helpers/mirror.js";

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

describe("file errors are typed, name the path and carry no stack trace", () => {
  const mirror = { ...process.env, PROXYNAS_DATA_MIRROR: mirrorDir() };
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8", env: mirror });
    return { code: r.status, stderr: r.stderr };
  };
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/unexpected error|\n\s+at /);
  it("a missing input file is a not-found error (exit 1), a folder given as a file a usage error (exit 2)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pn-files-"));
    for (const args of [
      ["adapt", "help-nb201", "--proxy", "pixel3", "--measurements", path.join(dir, "missing.csv")],
      ["select", "help-nb201", "--proxy", "pixel3", "--samples", "5", "--after", path.join(dir, "missing.csv")],
      ["measure", "run", "--runtime", "node-wasm", "--archs", path.join(dir, "missing.csv"), "--out", path.join(dir, "o.csv")],
    ]) {
      const r = run(...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toMatch(/missing\.csv: no such file or folder/);
      noStack(r.stderr);
    }
    const folder = run("adapt", "help-nb201", "--proxy", "pixel3", "--measurements", dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is a folder; give a file/);
    noStack(folder.stderr);
  });
  it("an output path whose folder does not exist is refused before any work; a port out of range is a usage error", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pn-files-"));
    const nowhere = path.join(dir, "no", "such", "folder");
    const pred = run("adapt", "help-nb201", "--proxy", "pixel3", "--target", "pixel2", "--samples", "10", "--predictions", path.join(nowhere, "p.csv"));
    expect(pred.code).toBe(2);
    expect(pred.stderr).toMatch(/--predictions: the folder .* does not exist/);
    const out = run("measure", "run", "--runtime", "node-wasm", "--sample", "2", "--out", path.join(nowhere, "m.csv"));
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--out: the folder .* does not exist/);
    const port = run("measure", "serve", "--sample", "2", "--port", "99999", "--out", path.join(dir, "s.csv"));
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port: "99999" must be an integer >= 0 and <= 65535/);
    for (const r of [pred, out, port]) noStack(r.stderr);
  });
});
