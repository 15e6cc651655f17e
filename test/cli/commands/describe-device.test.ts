import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LatencyTable } from "../../../src/data/latency-table.js";
import { loadReferenceArchitectures } from "../../../src/data/load-help.js";
import { loadTable } from "../../../src/data/load.js";
import { mirrorDir } from "../../helpers/mirror.js";

const cache = mkdtempSync(path.join(os.tmpdir(), "pnb-cache-"));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8", env: { ...process.env, PROXYNAS_DATA_MIRROR: mirrorDir(), XDG_CACHE_HOME: cache } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
let help: LatencyTable;
let refs: number[];
let dir: string;
beforeAll(async () => {
  help = await loadTable("help-nb201", { mirror: mirrorDir() });
  refs = await loadReferenceArchitectures("help-nb201", { mirror: mirrorDir() });
  dir = mkdtempSync(path.join(os.tmpdir(), "pnb-describe-"));
});
const latencies = (device: string, rows: readonly number[], name: string) => {
  const lat = help.latency(device);
  const f = path.join(dir, name);
  writeFileSync(f, `arch,latency_ms\n${rows.map((r) => `${help.archAt(r)},${lat[r]}`).join("\n")}\n`);
  return f;
};

describe("proxynas describe-device", () => {
  it("finds a known device among the two most similar from its 10 reference latencies, and writes every prediction", () => {
    const pred = path.join(dir, "pred.csv");
    // raspi4 is not in the pool: its own column is among the two closest to the prediction (pixel3 0.959, raspi4 0.952 here)
    const r = cli("describe-device", "--dataset", "help-nb201", "--latencies", latencies("raspi4", refs, "raspi4.csv"), "--pool", "pixel3,silver_4114,1080ti_1", "--top", "3", "--predictions", pred);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { similar: { device: string; srcc: number }[]; agreement: number; references: number; measured: number };
    expect(j.references).toBe(10);
    expect(j.measured).toBe(10);
    expect(j.similar).toHaveLength(3);
    expect(j.similar.slice(0, 2).map((s) => s.device)).toContain("raspi4");
    expect(j.similar[0]?.srcc).toBeGreaterThanOrEqual(j.similar[2]?.srcc as number);
    expect(j.agreement).toBeGreaterThan(0.5);
    expect(readFileSync(pred, "utf8").trimEnd().split("\n")).toHaveLength(15626);
    const text = cli("describe-device", "--dataset", "help-nb201", "--latencies", latencies("raspi4", refs, "raspi4.csv"), "--pool", "pixel3,silver_4114,1080ti_1", "--format", "text");
    expect(text.stdout).toMatch(/most similar known devices/);
    expect(text.stderr).toMatch(/device-aware model loaded from/);
  }, 180_000);
  it("typed errors: a reference architecture missing, an architecture not in the table, a pool of one device, no pool for another dataset", () => {
    const missing = cli("describe-device", "--dataset", "help-nb201", "--latencies", latencies("pixel2", refs.slice(1), "nine.csv"), "--pool", "pixel3,silver_4114");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nine\.csv: 1 of the 10 reference architectures have no latency: .*; measure them/);
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, "arch,latency_ms\n|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|,3\n");
    expect(cli("describe-device", "--dataset", "help-nb201", "--latencies", bad, "--pool", "pixel3,silver_4114").stderr).toMatch(/bad\.csv: line 2/);
    expect(cli("describe-device", "--dataset", "help-nb201", "--latencies", bad, "--pool", "pixel3").stderr).toMatch(/--pool has 1 device; give at least 2/);
    expect(cli("describe-device", "--dataset", "oneproxy-nb201", "--latencies", bad).stderr).toMatch(/give --pool for oneproxy-nb201/);
  });
});
