import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seededRng } from "../../../src/random.js";
import { FBNET_BLOCKS, fbnetFormat, fbnetSample } from "../../../src/spaces/fbnet.js";
import { mirrorDir } from "../../helpers/mirror.js";

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8", env: { ...process.env, PROXYNAS_DATA_MIRROR: mirrorDir() } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("proxynas search", () => {
  it("prints the same bytes for the same inputs (timings go to stderr)", () => {
    const args = ["search", "help-nb201", "--accuracy", "cifar10", "--proxy", "pixel3", "--target", "pixel2", "--seed", "1"];
    const a = cli(...args);
    const b = cli(...args);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stderr).toMatch(/search: [0-9.]+ ms in all/);
  });
  it("--help lists the options a user sets; --help-advanced the research knobs, with their defaults", () => {
    const help = cli("search", "--help");
    expect(help.code).toBe(0);
    for (const flag of ["--accuracy", "--proxy", "--target", "--samples", "--budget", "--prior", "--seed", "--help-advanced"]) expect(help.stdout).toContain(flag);
    for (const flag of ["--sigma", "--scenarios", "--subsample", "--threshold", "--decision", "--set "]) expect(help.stdout).not.toContain(flag);
    const advanced = cli("search", "--help-advanced");
    expect(advanced.code).toBe(0);
    expect(advanced.stdout).toMatch(/--threshold <srcc> .*\(default: 0\.95\)/);
    expect(advanced.stdout).toMatch(/--scenarios <M> .*\(default: 16\)/);
    expect(advanced.stdout).toMatch(/--set <rule> .*\(default: expected-regret\)/);
  });
  it("prints the JSON contract, joining NATS-Bench accuracies to HELP's table", () => {
    const r = cli("search", "help-nb201", "--accuracy", "cifar10", "--proxy", "pixel3", "--target", "1080ti_32", "--seed", "2");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & { metrics: Record<string, Record<string, number>> };
    expect(Object.keys(j)).toEqual(expect.arrayContaining(["proxySet", "pipelineSet", "adapted", "targetFront", "measured", "metrics"]));
    for (const set of ["proxy", "adapted"]) expect(Object.keys(j.metrics[set] as object)).toEqual(expect.arrayContaining(["hvRatio", "regret", "precision", "recall", "igd", "size", "targetMeasurements"]));
    expect(j["measured"]).toHaveLength(20);
    expect(j["adapted"]).toBe(true);
    expect((j.metrics["adapted"] as Record<string, number>)["targetMeasurements"]).toBeLessThanOrEqual(100);
    expect((j.metrics["adapted"] as Record<string, number>)["regret"]).toBeLessThan((j.metrics["proxyFront"] as Record<string, number>)["regret"] as number);
    // never adapting: pipelineSet equals proxySet
    const n = JSON.parse(cli("search", "help-nb201", "--accuracy", "cifar10", "--proxy", "pixel3", "--target", "1080ti_32", "--seed", "2", "--decision", "never").stdout) as Record<string, unknown>;
    expect(n["adapted"]).toBe(false);
    expect(n["pipelineSet"]).toEqual(n["proxySet"]);
    // the set rule is reported, and --set band gives another set from the same samples
    expect(j["set"]).toBe("expected-regret");
    expect(j["sigma"]).toBe(0.02);
    expect(j["scenarios"]).toBe(16);
    expect(j["subsample"]).toBe(0.5);
    const b = JSON.parse(cli("search", "help-nb201", "--accuracy", "cifar10", "--proxy", "pixel3", "--target", "1080ti_32", "--seed", "2", "--set", "band").stdout) as Record<string, unknown>;
    expect(b["set"]).toBe("band");
    expect(b["measured"]).toEqual(j["measured"]);
    expect(b["pipelineSet"]).not.toEqual(j["pipelineSet"]);
  });
  it("--prior self adds the source's other devices as prior knowledge, and says so", () => {
    const r = cli("search", "help-nb201", "--accuracy", "cifar10", "--proxy", "pixel3", "--target", "samsung_a50", "--seed", "1", "--decision", "always", "--prior", "self");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(j["prior"]).toBe("self");
    const n = JSON.parse(cli("search", "help-nb201", "--accuracy", "cifar10", "--proxy", "pixel3", "--target", "samsung_a50", "--seed", "1", "--decision", "always").stdout) as Record<string, unknown>;
    expect(n["prior"]).toBeNull();
    expect(n["measured"]).toEqual(j["measured"]);
    expect(n["pipelineSet"]).not.toEqual(j["pipelineSet"]);
  });
  it("bad input: unknown accuracy, proxy = target, bad threshold", () => {
    const a = cli("search", "help-nb201", "--accuracy", "top1", "--proxy", "pixel3", "--target", "pixel2");
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/no accuracy "top1".*cifar10, cifar100, imagenet16_120/);
    expect(cli("search", "help-nb201", "--accuracy", "cifar10", "--proxy", "pixel3", "--target", "pixel3").stderr).toMatch(/the target itself/);
    expect(cli("search", "help-nb201", "--accuracy", "cifar10", "--proxy", "pixel3", "--target", "pixel2", "--threshold", "2").stderr).toMatch(/--threshold: "2" must be a number in \[-1, 1\]/);
    expect(cli("search", "help-nb201", "--accuracy", "cifar10", "--proxy", "pixel3", "--target", "pixel2", "--set", "layers").stderr).toMatch(/--set.*expected-regret, front-probability, band/);
    expect(cli("search", "help-nb201", "--accuracy", "cifar10", "--proxy", "pixel3", "--target", "pixel2", "--set", "front-probability", "--sigma", "0").stderr).toMatch(/--sigma: "0" must be a number in \[0.000001, 10\]/);
    expect(cli("search", "help-nb201", "--accuracy", "cifar10", "--proxy", "pixel3", "--target", "pixel2", "--scenarios", "0").stderr).toMatch(/--scenarios: "0" must be an integer >= 1/);
  });
});

describe("proxynas search ofa-search", () => {
  it("runs the pipeline on HELP's measured Once-for-All subnets with the Note10 lookup table as proxy", () => {
    const r = cli("search", "ofa-search", "--accuracy", "ofa_top1", "--proxy", "note10_lut", "--target", "titan_rtx_1", "--seed", "0");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & { metrics: Record<string, Record<string, number>> };
    expect(j["measured"]).toHaveLength(20);
    expect((j.metrics["adapted"] as Record<string, number>)["targetMeasurements"]).toBeLessThanOrEqual(100);
    expect(cli("search", "ofa-search", "--accuracy", "top5", "--proxy", "note10_lut", "--target", "titan_rtx_1").stderr).toMatch(/no accuracy "top5"; it has ofa_top1/);
  });
});

describe("proxynas search on a user's FBNet table", () => {
  it("runs the pipeline on any enumerable table: proxy, target and accuracy columns of the user's CSV", () => {
    // a synthetic table (there is no public FBNet table in the mirror): the target
    // ranks blocks differently from the proxy, so adaptation has something to fix
    const rng = seededRng(9);
    const proxyCost = FBNET_BLOCKS.map((_, b) => 0.2 + 0.1 * b);
    const targetCost = FBNET_BLOCKS.map((_, b) => 0.2 + 0.1 * ((b * 5) % 9));
    const accGain = FBNET_BLOCKS.map((_, b) => 0.05 * (b % 4));
    const archs = [...new Map(Array.from({ length: 600 }, () => fbnetSample(rng)).map((a) => [fbnetFormat(a), a])).values()];
    const sum = (a: readonly number[], c: readonly number[]) => a.reduce((s, b) => s + (c[b] as number), 0);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "pnb-")), "fbnet.csv");
    writeFileSync(file, `arch,my_proxy,my_phone,acc:top1\n${archs.map((a) => `${fbnetFormat(a)},${sum(a, proxyCost)},${sum(a, targetCost)},${(70 + sum(a, accGain)).toFixed(4)}`).join("\n")}\n`);
    const r = cli("search", file, "--space", "fbnet", "--accuracy", "top1", "--proxy", "my_proxy", "--target", "my_phone", "--seed", "0");
    expect(r.stderr).toMatch(/^search: [0-9.]+ ms in all \(proxy search [0-9.]+ ms, adaptation and set [0-9.]+ ms\)\n$/);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & { metrics: Record<string, Record<string, number>> };
    expect(j["measured"]).toHaveLength(20);
    expect(j["adapted"]).toBe(true);
    // latency is additive over blocks here, so the adapted predictor recovers the target's ranking: its set beats the proxy's front
    expect((j.metrics["adapted"] as Record<string, number>)["regret"]).toBeLessThan((j.metrics["proxyFront"] as Record<string, number>)["regret"] as number);
  });
});
