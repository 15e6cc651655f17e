import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LatencyTable } from "../../../src/data/latency-table.js";
import { loadReferenceArchitectures } from "../../../src/data/load-help.js";
import { loadTable } from "../../../src/data/load.js";
import { mirrorDir } from "../../helpers/mirror.js";
import { POOL_SIMILARITY_GATE } from "../../../src/scale/architecture-optimizer.js";

const cache = mkdtempSync(path.join(os.tmpdir(), "pnb-cache-"));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8", env: { ...process.env, PROXYNAS_DATA_MIRROR: mirrorDir(), XDG_CACHE_HOME: cache } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
let help: LatencyTable;
let acc: Float64Array;
let refs: number[];
let dir: string;
beforeAll(async () => {
  help = await loadTable("help-nb201", { mirror: mirrorDir() });
  acc = help.join(await loadTable("nb201-accuracy", { mirror: mirrorDir() })).accuracy("cifar10");
  refs = await loadReferenceArchitectures("help-nb201", { mirror: mirrorDir() });
  dir = mkdtempSync(path.join(os.tmpdir(), "pnb-optimize-"));
});
const latencies = (device: string, rows: readonly number[], name: string) => {
  const lat = help.latency(device);
  const f = path.join(dir, name);
  writeFileSync(f, `arch,latency_ms\n${rows.map((r) => `${help.archAt(r)},${lat[r]}`).join("\n")}\n`);
  return f;
};
// a small pool and no synthetic devices keep the training within a minute here
const pool = ["--pool", "pixel3,1080ti_1", "--validation-devices", "titanx_1", "--synthetic", "0"];

interface Answer {
  arch: string;
  index: number;
  predictedLatencyMs: number;
  predictedAccuracy: number;
}

describe("proxynas optimize", () => {
  it("prints the most accurate architectures predicted within the budget, best first, from the 10 reference latencies; p30 budgets; text", () => {
    const file = latencies("gold_6226", refs, "gold.csv");
    const r = cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", "6", ...pool);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { answers: Answer[]; budgetMs: number; source: string; margin: number };
    expect(j.budgetMs).toBe(6);
    expect(j.answers).toHaveLength(5);
    for (const [i, a] of j.answers.entries()) {
      expect(a.predictedLatencyMs).toBeLessThanOrEqual(6);
      const row = help.rowOfArch(a.arch) as number;
      expect(a.index).toBe(help.indexAt(row));
      expect(a.predictedAccuracy).toBe(acc[row]);
      if (i > 0) expect(a.predictedAccuracy).toBeLessThanOrEqual((j.answers[i - 1] as Answer).predictedAccuracy);
    }
    expect(r.stderr).toMatch(/optimizer trained in/);
    const p = cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", "p30", "--top", "2", "--accuracy", "cifar100", ...pool);
    expect(p.code, p.stderr).toBe(0);
    const pj = JSON.parse(p.stdout) as { answers: Answer[]; budgetPercentile: number; accuracy: string };
    expect(pj.answers).toHaveLength(2);
    expect(pj.budgetPercentile).toBe(30);
    expect(pj.accuracy).toBe("cifar100");
    const text = cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", "6", "--format", "text", ...pool);
    expect(text.stdout).toMatch(/budget 6\.000 ms, cifar10 accuracy; 5 answer\(s\), best first/);
    expect(text.stderr).toMatch(/optimizer loaded from/);
  }, 400_000);
  it("--check device-aware checks the answers with the device-aware blend on the same references, device-model with the device model, auto picks one by the closest pool device; not with --preference", () => {
    const file = latencies("raspi4", refs, "raspi4.csv");
    const r = cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", "p50", "--check", "device-aware", ...pool);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { answers: Answer[]; budgetMs: number; check: string; margin: number };
    expect(j.check).toBe("device-aware");
    expect(j.answers.length).toBeGreaterThan(0);
    for (const a of j.answers) expect(a.predictedLatencyMs * Math.exp(refs.includes(help.rowOfArch(a.arch) as number) ? 0 : j.margin)).toBeLessThanOrEqual(j.budgetMs * (1 + 1e-12));
    const d = JSON.parse(cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", String(j.budgetMs), "--check", "device-model", ...pool).stdout) as { answers: Answer[]; check: string };
    expect(d.check).toBe("device-model");
    const auto = JSON.parse(cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", String(j.budgetMs), ...pool).stdout) as { answers: Answer[]; check: string; closestPoolDevice: { device: string; srcc: number } };
    // the default: the device model when a pool device ranks the references like raspi4, else the blend; the same answers as that check asked for
    expect(auto.check).toBe(auto.closestPoolDevice.srcc >= POOL_SIMILARITY_GATE ? "device-model" : "device-aware");
    expect(auto.answers).toEqual((auto.check === "device-model" ? d : j).answers);
    // the two checks predict other latencies for the same architectures
    expect(d.answers.map((a) => a.predictedLatencyMs)).not.toEqual(j.answers.map((a) => a.predictedLatencyMs));
    const bad = cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--preference", "0.5", "--check", "device-aware", ...pool);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--check device-model\|device-aware answers a --budget on NAS-Bench-201 tables/);
    const unknown = cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", "6", "--check", "lookup", ...pool);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/--check/);
    // --margin-sd checking: the adaptation's check with its own held-out error in the margin, a narrower one here
    const own = JSON.parse(cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", String(j.budgetMs), "--check", "device-aware", "--margin-sd", "checking", ...pool).stdout) as { answers: Answer[]; margin: number };
    expect(own.margin).not.toBe(j.margin);
    for (const a of own.answers) expect(a.predictedLatencyMs * Math.exp(refs.includes(help.rowOfArch(a.arch) as number) ? 0 : own.margin)).toBeLessThanOrEqual(j.budgetMs * (1 + 1e-12));
    const badSd = cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", "6", "--margin-sd", "larger", ...pool);
    expect(badSd.code).not.toBe(0);
    expect(badSd.stderr).toMatch(/--margin-sd/);
  }, 400_000);
  it("answers a preference weight instead of a budget: highest utility first; 0 asks for speed, 1 for accuracy", () => {
    const file = latencies("gold_6226", refs, "gold.csv");
    const run = (w: string) => {
      const r = cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--preference", w, "--top", "3", ...pool);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { preference: number; answers: (Answer & { utility: number })[]; budgetsSwept: number };
    };
    const fast = run("0");
    const accurate = run("1");
    const mid = run("0.8");
    expect(mid.preference).toBe(0.8);
    expect(mid.budgetsSwept).toBe(16);
    for (const j of [fast, accurate, mid]) for (let i = 1; i < j.answers.length; i++) expect((j.answers[i] as { utility: number }).utility).toBeLessThanOrEqual((j.answers[i - 1] as { utility: number }).utility);
    const [f0, a0, m0] = [fast.answers[0], accurate.answers[0], mid.answers[0]] as Answer[];
    expect(f0?.predictedLatencyMs).toBeLessThan(m0?.predictedLatencyMs as number);
    expect(a0?.predictedAccuracy).toBeGreaterThanOrEqual(m0?.predictedAccuracy as number);
    expect(m0?.predictedAccuracy).toBeGreaterThan(f0?.predictedAccuracy as number);
    expect(cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--preference", "1.5", ...pool).stderr).toMatch(/--preference: "1\.5"; valid: a weight in \[0, 1\]/);
    expect(cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--preference", "0.5", "--budget", "5", ...pool).stderr).toMatch(/give exactly one of --budget .* and --preference/);
  }, 300_000);
  it("typed errors: a budget below the fastest architecture (its latency named), a bad budget, a reference missing, another space", () => {
    const file = latencies("gold_6226", refs, "gold.csv");
    const low = cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", "0.001", ...pool);
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(/budget 0\.001 ms is below the fastest architecture's predicted latency on this device, [0-9.]+ ms/);
    expect(cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", "fast", ...pool).stderr).toMatch(/--budget: "fast"; valid: a latency in ms > 0/);
    expect(cli("optimize", "--dataset", "help-nb201", "--latencies", file, "--budget", "p100", ...pool).stderr).toMatch(/a percentile must be in \(0, 100\)/);
    expect(cli("optimize", "--dataset", "help-nb201", "--latencies", latencies("pixel2", refs.slice(2), "eight.csv"), "--budget", "5", ...pool).stderr).toMatch(/eight\.csv: 2 of the 10 reference architectures have no latency/);
    expect(cli("optimize", "--dataset", "local-proxyless", "--latencies", file, "--budget", "5", "--pool", "node-wasm,chromium-wasm").stderr).toMatch(/local-proxyless is a proxyless table; the optimizer answers NAS-Bench-201 \(space nb201\) and Once-for-All MobileNetV3/);
  }, 120_000);
  it("on help-ofa answers Once-for-All subnets (in the table or not) within the budget at OFA's accuracy predictor's resolutions; p30; text; typed errors", async () => {
    const ofa = await loadTable("help-ofa", { mirror: mirrorDir() });
    const ofaRefs = await loadReferenceArchitectures("help-ofa", { mirror: mirrorDir() });
    const lat = ofa.latency("titan_rtx_64");
    const file = path.join(dir, "rtx64.csv");
    writeFileSync(file, `arch,latency_ms\n${ofaRefs.map((r) => `${ofa.archAt(r)},${lat[r]}`).join("\n")}\n`);
    const ofaPool = ["--pool", "2080ti_1,v100_32", "--validation-devices", "titan_rtx_1", "--synthetic", "0"];
    const r = cli("optimize", "--dataset", "help-ofa", "--latencies", file, "--budget", "25", "--top", "3", ...ofaPool);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/OFA optimizer trained in .* 2 devices/);
    const j = JSON.parse(r.stdout) as { answers: (Omit<Answer, "index"> & { index: number | null })[]; budgetMs: number; margin: number; accuracy: string };
    expect(j.accuracy).toMatch(/imagenet-top1/);
    expect(j.answers).toHaveLength(3);
    for (const [i, a] of j.answers.entries()) {
      expect(a.predictedLatencyMs * Math.exp(j.margin)).toBeLessThanOrEqual(25 * (1 + 1e-9));
      expect([160, 176, 192, 208, 224]).toContain(Number(/^r(\d+)-/.exec(a.arch)?.[1]));
      const row = ofa.rowOfArch(a.arch);
      expect(a.index).toBe(row === undefined ? null : ofa.indexAt(row));
      if (i > 0) expect(a.predictedAccuracy).toBeLessThanOrEqual((j.answers[i - 1] as Answer).predictedAccuracy);
    }
    const p = cli("optimize", "--dataset", "help-ofa", "--latencies", file, "--budget", "p30", "--format", "text", ...ofaPool);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toMatch(/\(p30 of the predicted latencies of the table's subnets\), OFA's predicted ImageNet top-1; 5 answer\(s\), best first/);
    expect(p.stderr).toMatch(/OFA optimizer loaded from/);
    expect(cli("optimize", "--dataset", "help-ofa", "--latencies", file, "--preference", "0.5", ...ofaPool).stderr).toMatch(/--preference answers NAS-Bench-201 tables only/);
    expect(cli("optimize", "--dataset", "help-ofa", "--latencies", file, "--budget", "0.01", ...ofaPool).stderr).toMatch(/budget 0\.01 ms is below the smallest subnet's predicted latency on this device, [0-9.]+ ms/);
  }, 300_000);
});
