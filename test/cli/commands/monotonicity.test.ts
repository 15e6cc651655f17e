import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { mirrorDir } from "../../helpers/mirror.js";

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8", env: { ...process.env, PROXYNAS_DATA_MIRROR: mirrorDir() } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("proxynas monotonicity", () => {
  it("JSON: method, devices in the given order, matrix and pair counts", () => {
    const r = cli("monotonicity", "oneproxy-nb201", "--devices", "true_vpu,eagle_gtx,rice_edgetpu", "--format", "json");
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as { method: string; devices: string[]; matrix: number[][]; pairs: number[][] };
    expect(m.method).toBe("spearman");
    expect(m.devices).toEqual(["true_vpu", "eagle_gtx", "rice_edgetpu"]);
    expect(m.matrix[0]?.[1]).toBeCloseTo(0.6905, 4);
    expect(m.pairs[0]).toEqual([1999, 1999, 1740]);
  });
  it("CSV with a header row, clustered by default, any method", () => {
    const r = cli("monotonicity", "help-nb201", "--method", "kendall");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(28);
    const header = (lines[0] as string).split(",");
    expect(header[0]).toBe("device");
    expect(header.slice(1).sort()).toHaveLength(27);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(header.slice(1));
  });
  it("bad input: typed errors listing what is valid", () => {
    expect(cli("monotonicity", "help-nb201", "--devices", "pixel3,pixel9").stderr).toMatch(/device "pixel9" is not in help-nb201; devices: /);
    expect(cli("monotonicity", "help-nb201", "--devices", "pixel3").stderr).toMatch(/needs at least 2 devices, got 1/);
    const m = cli("monotonicity", "help-nb201", "--method", "tau");
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/invalid value "tau"; valid: spearman, kendall, pearson/);
  });
});
