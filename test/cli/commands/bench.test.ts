import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { mirrorDir } from "../../helpers/mirror.js";

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8", env: { ...process.env, PROXYNAS_DATA_MIRROR: mirrorDir() } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("proxynas bench", () => {
  it("--only runs the benchmarks whose name contains the text, and says what names exist when none does", () => {
    const r = cli("bench", "--only", "EXPORT help-nb201", "--runs", "2", "--format", "json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout.slice(0, r.stdout.indexOf("\n\n") > 0 ? r.stdout.indexOf("\n\n") : undefined)) as { benchmark?: string; name?: string }[];
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).toContain("export help-nb201 as CSV");
    const bad = cli("bench", "--only", "no such benchmark");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--only: no benchmark name contains "no such benchmark"; the names: .*optimizer answer/);
  }, 120_000);
});
