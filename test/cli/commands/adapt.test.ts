import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LatencyTable } from "../../../src/data/latency-table.js";
import { loadTable } from "../../../src/data/load.js";
import { mirrorDir } from "../../helpers/mirror.js";
import { greedyReferences } from "../../../src/scale/greedy-references.js";

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8", env: { ...process.env, PROXYNAS_DATA_MIRROR: mirrorDir() } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const cliEnv = (env: Record<string, string>, ...args: string[]) => {
  const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8", env: { ...process.env, PROXYNAS_DATA_MIRROR: mirrorDir(), ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
let oneproxy: LatencyTable;
beforeAll(async () => {
  oneproxy = await loadTable("oneproxy-nb201", { mirror: mirrorDir() });
});

describe("proxynas adapt (simulated)", () => {
  it("prints the JSON contract and writes every prediction", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-"));
    const pred = path.join(dir, "p.csv");
    const r = cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--target", "eagle_gtx", "--samples", "20", "--seed", "3", "--predictions", pred);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(expect.arrayContaining(["proxy", "target", "samples", "method", "select", "srccBefore", "srccAfter", "srccUnmeasured", "measured"]));
    expect(j["samples"]).toBe(20);
    expect(j["method"]).toBe("proxy-ensemble-bagged");
    expect(j["srccBefore"]).toBeCloseTo(0.6905, 4);
    expect(typeof j["srccOutOfBag"]).toBe("number");
    expect(j["measured"]).toHaveLength(20);
    const lines = readFileSync(pred, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("index,predicted");
    expect(lines).toHaveLength(2000);
  });
  it("typed errors: proxy equal to the target (or its alias), K beyond the valid rows, unknown method", () => {
    expect(cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--target", "true_vpu", "--samples", "20").stderr).toMatch(/proxy true_vpu is the target itself/);
    expect(cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--target", "rice_edgetpu", "--samples", "1800").stderr).toMatch(/--samples 1800 is more than the 1740 rows with a valid rice_edgetpu latency/);
    const m = cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--target", "eagle_gtx", "--method", "magic");
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/invalid value "magic"; valid: proxy-ridge, proxy-ensemble, proxy-ensemble-bagged, adaproxy, least-squares, operation-counts, proxy/);
  });
});

describe("proxynas adapt --method device-aware", () => {
  it("measures the reference architectures, trains the pool's model once and reloads it from the cache to the same answer", () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), "pnb-cache-"));
    const env = { XDG_CACHE_HOME: cache };
    const args = ["adapt", "help-nb201", "--proxy", "pixel3,silver_4114", "--validation-devices", "1080ti_1", "--target", "pixel2", "--select", "references", "--method", "device-aware"];
    const first = cliEnv(env, ...args);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/adapt: device-aware model trained in [\d.]+ s \(\d+ epochs\) and cached in .*proxynas\/models\/device-aware-help-nb201-/);
    const j = JSON.parse(first.stdout) as { samples: number; select: string; method: string; measured: number[]; srccAfter: number; srccBefore: number };
    expect(j).toMatchObject({ samples: 10, select: "references", method: "device-aware" });
    expect(j.measured).toEqual([11982, 431, 55, 9, 14451, 8636, 9881, 13479, 6196, 1462]);
    // a two-device pool with 1080ti_1 for early stopping: close to the best proxy alone (0.873), not better
    expect(j.srccAfter).toBeGreaterThan(0.85);
    const second = cliEnv(env, ...args);
    expect(second.stderr).toMatch(/device-aware model loaded from/);
    expect(second.stdout).toBe(first.stdout);
    expect(cliEnv(env, ...args, "--samples", "5").stderr).toMatch(/--select references measures the 10 reference architectures; --samples 5 does not match/);
    expect(j).toMatchObject({ references: "help" });
  }, 180_000);
  it("measures our greedy reference set with --references greedy, chosen on the proxies and validation devices", async () => {
    const env = { XDG_CACHE_HOME: mkdtempSync(path.join(os.tmpdir(), "pnb-cache-")) };
    const args = ["adapt", "help-nb201", "--proxy", "pixel3,silver_4114", "--validation-devices", "1080ti_1", "--target", "pixel2", "--select", "references", "--method", "device-aware", "--references", "greedy"];
    const run = cliEnv(env, ...args);
    expect(run.code, run.stderr).toBe(0);
    const j = JSON.parse(run.stdout) as { references: string; measured: number[]; srccAfter: number };
    const help = await loadTable("help-nb201", { mirror: mirrorDir() });
    const rows = greedyReferences(help, ["pixel3", "silver_4114", "1080ti_1"], 10).rows;
    expect(j.references).toBe("greedy");
    expect(j.measured).toEqual([...rows].sort((a, b) => a - b).map((r) => help.indexAt(r)));
    expect(j.srccAfter).toBeGreaterThan(0.8);
    expect(cliEnv(env, ...args.slice(0, -1), "magic").stderr).toMatch(/--references: invalid value "magic"; valid: auto, help, stratified, greedy/);
    // the validation devices are read (a target among them is refused)
    const asValidation = cliEnv(env, "adapt", "help-nb201", "--proxy", "pixel3,silver_4114", "--validation-devices", "pixel2", "--target", "pixel2", "--method", "device-aware");
    expect(asValidation.code).not.toBe(0);
    expect(asValidation.stderr).toMatch(/pixel2/);
  }, 180_000);
});

describe("proxynas adapt with many measurements", () => {
  it("reports each fit on stderr from 500 measurements, and none below", () => {
    const gtx = oneproxy.latency("eagle_gtx");
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-"));
    const write = (k: number) => {
      const f = path.join(dir, `m${k}.csv`);
      writeFileSync(f, `arch,latency_ms\n${Array.from({ length: k }, (_, r) => `${oneproxy.archAt(r)},${gtx[r]}`).join("\n")}\n`);
      return f;
    };
    const many = cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--measurements", write(500));
    expect(many.code).toBe(0);
    expect(many.stderr).toMatch(/adapt: fitting on 500 measurements/);
    expect(many.stderr.match(/adapt: fit \d+ of 17 done after [\d.]+ s/g)).toHaveLength(17);
    expect(many.stderr).toMatch(/fit 2 of 17 done after [\d.]+ s, about \d+ s left/);
    const few = cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--measurements", write(499));
    expect(few.code).toBe(0);
    expect(few.stderr).not.toMatch(/adapt: fit/);
  });
});

describe("the real-user flow goes through the same code", () => {
  it("select -> my measurements -> adapt --measurements gives the simulated predictions", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-"));
    const sel = cli("select", "oneproxy-nb201", "--proxy", "true_vpu", "--samples", "20", "--seed", "5");
    expect(sel.code).toBe(0);
    const rows = sel.stdout.trimEnd().split("\n").slice(1).map((l) => l.split(","));
    expect(rows).toHaveLength(20);
    const gtx = oneproxy.latency("eagle_gtx");
    const mine = path.join(dir, "mine.csv");
    writeFileSync(mine, `arch,latency_ms\n${rows.map(([, arch]) => `${arch},${gtx[oneproxy.rowOfArch(arch as string) as number]}`).join("\n")}\n`);
    const real = cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--measurements", mine, "--seed", "5", "--predictions", path.join(dir, "real.csv"));
    // the order of the measurements changes nothing
    const lines = readFileSync(mine, "utf8").trimEnd().split("\n");
    const reordered = path.join(dir, "reordered.csv");
    writeFileSync(reordered, `${[lines[0], ...lines.slice(1).reverse()].join("\n")}\n`);
    expect(cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--measurements", reordered, "--seed", "5", "--predictions", path.join(dir, "reordered-pred.csv")).code).toBe(0);
    expect(readFileSync(path.join(dir, "reordered-pred.csv"), "utf8")).toBe(readFileSync(path.join(dir, "real.csv"), "utf8"));
    const sim = cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--target", "eagle_gtx", "--samples", "20", "--seed", "5", "--predictions", path.join(dir, "sim.csv"));
    expect(real.code).toBe(0);
    expect(sim.code).toBe(0);
    expect(JSON.parse(real.stdout).select).toBe("given");
    // the estimate needs no target column, and is the simulated run's
    expect(JSON.parse(real.stdout).srccOutOfBag).toBeGreaterThan(0.5);
    expect(JSON.parse(real.stdout).srccOutOfBag).toBe(JSON.parse(sim.stdout).srccOutOfBag);
    expect(readFileSync(path.join(dir, "real.csv"), "utf8")).toBe(readFileSync(path.join(dir, "sim.csv"), "utf8"));
  });
  it("select --after chooses K more architectures among those not chosen yet, and adapt takes all the measurements", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-"));
    const first = path.join(dir, "first.csv");
    const sel = cli("select", "oneproxy-nb201", "--proxy", "true_vpu", "--samples", "20", "--seed", "5");
    writeFileSync(first, sel.stdout);
    const more = cli("select", "oneproxy-nb201", "--proxy", "true_vpu", "--samples", "20", "--seed", "5", "--after", first);
    expect(more.code).toBe(0);
    const archs = (out: string) => out.trimEnd().split("\n").slice(1).map((l) => l.slice(l.indexOf(",") + 1));
    const a = archs(sel.stdout);
    const b = archs(more.stdout);
    expect(b).toHaveLength(20);
    expect(new Set([...a, ...b]).size).toBe(40);
    // seeded, and still spread over the proxy's range
    expect(cli("select", "oneproxy-nb201", "--proxy", "true_vpu", "--samples", "20", "--seed", "5", "--after", first).stdout).toBe(more.stdout);
    const vpu = oneproxy.latency("true_vpu");
    const sorted = Float64Array.from(vpu).sort();
    const picked = b.map((x) => vpu[oneproxy.rowOfArch(x) as number] as number);
    expect(Math.min(...picked)).toBeLessThanOrEqual(sorted[Math.floor(vpu.length / 20)] as number);
    expect(Math.max(...picked)).toBeGreaterThanOrEqual(sorted[Math.floor((19 * vpu.length) / 20)] as number);
    // the 40 measurements together
    const gtx = oneproxy.latency("eagle_gtx");
    const mine = path.join(dir, "mine.csv");
    writeFileSync(mine, `arch,latency_ms\n${[...a, ...b].map((x) => `${x},${gtx[oneproxy.rowOfArch(x) as number]}`).join("\n")}\n`);
    const j = JSON.parse(cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--measurements", mine).stdout) as { samples: number; measured: number[] };
    expect(j.samples).toBe(40);
    // bad input: no arch column, an unknown architecture, more than is left
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, "index,name\n1,x\n");
    expect(cli("select", "oneproxy-nb201", "--proxy", "true_vpu", "--samples", "5", "--after", bad).stderr).toMatch(/bad\.csv: expected an arch column/);
    writeFileSync(bad, "arch\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|\n");
    expect(cli("select", "oneproxy-nb201", "--proxy", "true_vpu", "--samples", "5", "--after", bad).stderr).toMatch(/bad\.csv: line 2: architecture .* is not in oneproxy-nb201/);
    const r = cli("select", "oneproxy-nb201", "--proxy", "true_vpu", "--samples", "1980", "--after", first);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--samples 1980: only 1979 architectures of oneproxy-nb201 are not in .*first\.csv/);
  });
  it("names the file and line of a bad measurement", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-"));
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, `arch,latency_ms\n${oneproxy.archAt(0)},fast\n`);
    expect(cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--measurements", bad).stderr).toMatch(/bad\.csv: line 2, column latency_ms: "fast" is not a latency/);
    writeFileSync(bad, "arch,latency_ms\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,3\n");
    expect(cli("adapt", "oneproxy-nb201", "--proxy", "true_vpu", "--measurements", bad).stderr).toMatch(/bad\.csv: line 2: architecture .* is not in oneproxy-nb201/);
  });
});

describe("proxynas adapt --method device-aware on a user's FBNet table", () => {
  it("trains the device model on FBNet block features and FLOPs, and adapts an unseen device of the CSV", async () => {
    const { seededRng } = await import("../../../src/random.js");
    const { FBNET_BLOCKS, fbnetFormat, fbnetSample } = await import("../../../src/spaces/fbnet.js");
    const { fbnetCost } = await import("../../../src/measure/model-cost.js");
    // a synthetic table (no public FBNet table is mirrored): per-block costs from two latent factors plus a FLOPs term, per device
    const rng = seededRng(5);
    const u = FBNET_BLOCKS.map(() => rng.next());
    const v = FBNET_BLOCKS.map(() => rng.next());
    const devices = [[1, 0.1, 2], [0.2, 1, 1], [1, 1, 0.5], [0.5, 0.3, 3], [0.8, 0.6, 1], [0.7, 0.4, 1.5]];
    const archs = [...new Map(Array.from({ length: 800 }, () => fbnetSample(rng)).map((a) => [fbnetFormat(a), a])).values()];
    const lat = (a: readonly number[], [p, q, f]: number[]) => a.reduce((s, b) => s + (p as number) * (u[b] as number) + (q as number) * (v[b] as number), 0) + ((f as number) * fbnetCost(a).flops) / 1e8;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "pnb-")), "fbnet.csv");
    writeFileSync(file, `arch,${devices.map((_, i) => `d${i}`).join(",")}\n${archs.map((a) => `${fbnetFormat(a)},${devices.map((d) => lat(a, d).toFixed(6)).join(",")}`).join("\n")}\n`);
    const env = { XDG_CACHE_HOME: mkdtempSync(path.join(os.tmpdir(), "pnb-cache-")) };
    const r = cliEnv(env, "adapt", file, "--space", "fbnet", "--proxy", "d0,d1,d2,d3", "--validation-devices", "d4", "--target", "d5", "--samples", "20", "--method", "device-aware");
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { references: string; srccAfter: number; srccBefore: number; samples: number };
    expect(j.references).toBe("stratified");
    expect(j.samples).toBe(20);
    // d5 lies between the pool's devices: a linear mix of their factors, so 20 samples pin it down
    expect(j.srccAfter).toBeGreaterThan(0.95);
    expect(j.srccAfter).toBeGreaterThan(j.srccBefore);
  }, 180_000);
});
