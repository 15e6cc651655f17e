import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seededRng } from "../../../src/random.js";
import { FBNET_BLOCKS, fbnetFormat, fbnetSample } from "../../../src/spaces/fbnet.js";
import { mirrorDir } from "../../helpers/mirror.js";

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8", env: { ...process.env, PROXYNAS_DATA_MIRROR: "none", ...env }, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("proxynas datasets", () => {
  it("list prints every registered dataset as CSV or JSON", () => {
    const csv = cli(["datasets", "list"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split("\n")[0]).toBe("name,kind,shape,files,bytes,license,description");
    const json = JSON.parse(cli(["datasets", "list", "--format", "json"]).stdout) as { name: string; files: number }[];
    expect(json.map((d) => d.name)).toEqual(["help-nb201", "help-ofa", "oneproxy-nb201", "nb201-accuracy", "local-nb201", "local-ofa", "local-proxyless", "ofa-note10-lut", "proxylessnas-mobile-lut", "ofa-accuracy-predictor"]);
    expect(json.find((d) => d.name === "help-nb201")?.files).toBe(29);
    expect(json.find((d) => d.name === "local-nb201")?.files).toBe(0); // embedded: nothing to download
  });
  it("fetch --mirror verifies and prints where the files are; progress goes to stderr", () => {
    const r = cli(["datasets", "fetch", "help-ofa", "--mirror", mirrorDir()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`help-ofa\t${mirrorDir()}\n`);
    expect(r.stderr).toContain("help-ofa: 14 files verified (mirror)");
  });
  it("fetch with neither mirror nor network fails with one line naming both ways out", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = cli(["datasets", "fetch", "proxylessnas-mobile-lut", "--cache", mkdtempSync(path.join(os.tmpdir(), "pnb-"))], { PROXYNAS_DATA_URL: `http://127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^proxynas: dataset proxylessnas-mobile-lut: download of http:\/\/127\.0\.0\.1:\d+\/ofa\/proxylessnas\/mobile_trim\.yaml failed: .*ECONNREFUSED.*PROXYNAS_DATA_MIRROR \(or --mirror\)/m);
  });
  it("an unknown dataset lists the registered ones", () => {
    const r = cli(["datasets", "fetch", "cifar", "--mirror", mirrorDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dataset "cifar" is not registered; datasets: help-nb201, help-ofa/);
  });
});

describe("proxynas export", () => {
  it("prints help-nb201 as CSV in index order with the spot values", () => {
    const r = cli(["export", "help-nb201"], { PROXYNAS_DATA_MIRROR: mirrorDir() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(15626);
    const header = (lines[0] as string).split(",");
    expect(header.slice(0, 2)).toEqual(["index", "arch"]);
    expect(header).toHaveLength(29);
    const row0 = (lines[1] as string).split(",");
    expect(row0[0]).toBe("0");
    expect(Number(row0[header.indexOf("pixel3")])).toBeCloseTo(3.60585, 5);
    expect((lines[15625] as string).startsWith("15624,")).toBe(true);
  });
  it("prints OneProxy's EdgeTPU gaps as empty cells, and JSON nulls", () => {
    const csv = cli(["export", "oneproxy-nb201", "--mirror", mirrorDir()]);
    const lines = csv.stdout.trimEnd().split("\n");
    const j = (lines[0] as string).split(",").indexOf("rice_edgetpu");
    expect(lines.slice(1).filter((l) => l.split(",")[j] === "")).toHaveLength(259);
    const json = JSON.parse(cli(["export", "oneproxy-nb201", "--mirror", mirrorDir(), "--format", "json"]).stdout) as Record<string, number | null>[];
    expect(json.filter((r) => r["rice_edgetpu"] === null)).toHaveLength(259);
  });
  it("reads a user CSV with --space (a synthetic FBNet table: latency = sum of per-block costs)", () => {
    const rng = seededRng(4);
    const cost = FBNET_BLOCKS.map((_, b) => 0.1 + b * 0.05);
    const archs = Array.from({ length: 30 }, () => fbnetSample(rng));
    const unique = [...new Map(archs.map((a) => [fbnetFormat(a), a])).values()];
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "pnb-")), "fbnet.csv");
    writeFileSync(file, `arch,my_phone\n${unique.map((a) => `${fbnetFormat(a)},${a.reduce((s, b) => s + (cost[b] as number), 0)}`).join("\n")}\n`);
    const r = cli(["export", file, "--space", "fbnet", "--format", "json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { index: number; arch: string; my_phone: number }[];
    expect(rows).toHaveLength(unique.length);
    expect(rows[0]?.index).toBe(0);
    expect(rows[0]?.my_phone).toBeCloseTo((unique[0] as number[]).reduce((s, b) => s + (cost[b] as number), 0), 12);
    const noSpace = cli(["export", file]);
    expect(noSpace.code).toBe(2);
    expect(noSpace.stderr).toMatch(/is a CSV file; say its search space/);
    const badSpace = cli(["export", file, "--space", "darts"]);
    expect(badSpace.stderr).toMatch(/invalid value "darts"; valid: nb201, ofa-mbv3, fbnet/);
  });
});
