import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mirrorDir } from "../../helpers/mirror.js";

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["dist/cli/bin.js", ...args], { encoding: "utf8", env: { ...process.env, PROXYNAS_DATA_MIRROR: mirrorDir() } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const FAST = ["--passes", "1", "--process-warmup-ms", "0", "--warmup", "0", "--min-runs", "1", "--max-runs", "1", "--budget-ms", "0"];

describe("proxynas measure", () => {
  it("--archs (the output of proxynas select) on node-wasm, then report; a rerun skips what is done", () => {
    const dir = mkdtempSync(join(tmpdir(), "pn-cli-measure-"));
    writeFileSync(join(dir, "k.csv"), "index,arch\n0,|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|\n1651,|none~0|+|none~0|none~1|+|none~0|none~1|none~2|\n2384,|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|\n8421,|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|\n");
    const out = join(dir, "mine.csv");
    const r = cli("measure", "run", "--runtime", "node-wasm", "--archs", join(dir, "k.csv"), "--out", out, ...FAST, "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { summary: { measured: number }; report: { runtime: string; measured: number }[] };
    expect(j.summary.measured).toBe(4);
    expect(j.report[0]).toMatchObject({ runtime: "node-wasm", measured: 4 });
    expect(readFileSync(out, "utf8").split("\n")[0]).toBe("index,arch,node-wasm");
    expect(readFileSync(out, "utf8")).toMatch(/\n1651,\|none~0\|/);
    const again = cli("measure", "run", "--runtime", "node-wasm", "--archs", join(dir, "k.csv"), "--out", out, ...FAST);
    expect(again.stdout).toMatch(/measured 0, failed 0, skipped 4/);
    const rep = cli("measure", "report", out);
    expect(rep.code).toBe(0);
    expect(rep.stdout).toMatch(/node-wasm\s+4\s+0/);
    // the measurements feed adaptation; a second runtime, merged in, is chosen by --column
    const out2 = join(dir, "other.csv");
    expect(cli("measure", "run", "--runtime", "node-cpu", "--archs", join(dir, "k.csv"), "--out", out2, ...FAST).code).toBe(0);
    const merged = join(dir, "merged.csv");
    expect(cli("measure", "merge", out, out2, "--out", merged).stdout).toMatch(/merged node-wasm, node-cpu into/);
    expect(readFileSync(merged, "utf8").split("\n")[0]).toBe("index,arch,node-wasm,node-cpu");
    expect(cli("measure", "merge", out, out, "--out", join(dir, "m2.csv")).stderr).toMatch(/runtime node-wasm is in more than one file/);
    expect(cli("adapt", "help-nb201", "--proxy", "pixel3", "--measurements", merged).stderr).toMatch(/--column NAME/);
    const adapted = cli("adapt", "help-nb201", "--proxy", "pixel3,gold_6226", "--measurements", merged, "--column", "node-cpu", "--method", "proxy");
    expect(adapted.code, adapted.stderr).toBe(0);
    const j2 = JSON.parse(adapted.stdout) as { measured: number[]; samples: number; failed: number[] };
    expect(j2.samples).toBe(4);
    expect(j2.measured).toHaveLength(4);
    expect(j2.measured).toContain(0); // NAS-Bench-201 index 0 is the first architecture of k.csv
  });
  it("--archs references measures HELP's 10 reference architectures, the file describe-device and --method device-aware read", () => {
    const dir = mkdtempSync(join(tmpdir(), "pn-cli-measure-"));
    const out = join(dir, "refs.csv");
    const r = cli("measure", "run", "--runtime", "node-wasm", "--archs", "references", "--out", out, ...FAST);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines.slice(1).map((l) => Number(l.split(",")[0]))).toEqual([11982, 431, 55, 9, 14451, 8636, 9881, 13479, 6196, 1462]);
    expect(cli("measure", "run", "--runtime", "node-wasm", "--archs", "references", "--space", "ofa-mbv3", "--out", join(dir, "o.csv")).stderr).toMatch(/--archs references is for --space nb201/);
  }, 120_000);
  it("--space proxyless --sample draws seeded ProxylessNAS networks and measures them, numbered from 0", () => {
    const dir = mkdtempSync(join(tmpdir(), "pn-cli-measure-"));
    const out = join(dir, "p.csv");
    const r = cli("measure", "run", "--space", "proxyless", "--runtime", "node-wasm", "--sample", "2", "--seed", "1", "--out", out, ...FAST);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("index,arch,node-wasm");
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows.map((x) => x[0])).toEqual(["0", "1"]);
    for (const [, arch, ms] of rows) {
      expect(arch).toMatch(/^(k[357]e[36]|skip)(-(k[357]e[36]|skip)){20}$/);
      expect(Number(ms)).toBeGreaterThan(0);
    }
    expect(JSON.parse(readFileSync(`${out}.json`, "utf8")).runtimes["node-wasm"].metadata.imageShape).toEqual([224, 224, 3]);
    // the same seed draws the same networks
    const again = join(dir, "q.csv");
    expect(cli("measure", "run", "--space", "proxyless", "--runtime", "node-wasm", "--sample", "2", "--seed", "1", "--out", again, ...FAST).code).toBe(0);
    const archsOf = (file: string) => readFileSync(file, "utf8").trim().split("\n").map((l) => l.split(",")[1]);
    expect(archsOf(again)).toEqual(archsOf(out));
  }, 120_000);
  it("--sample with the official index; bad input is a typed error with exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "pn-cli-measure-"));
    const r = cli("measure", "run", "--runtime", "node-wasm", "--sample", "2", "--seed", "4", "--out", join(dir, "s.csv"), ...FAST);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "s.csv"), "utf8").trim().split("\n")).toHaveLength(3);
    expect(cli("measure", "run", "--runtime", "node-gpu", "--sample", "2", "--out", join(dir, "x.csv")).stderr).toMatch(/node-gpu.*node-wasm/);
    expect(cli("measure", "run", "--runtime", "node-wasm", "--out", join(dir, "x.csv")).stderr).toMatch(/exactly one of --archs <file> and --sample <N>/);
    writeFileSync(join(dir, "bad.csv"), "arch\n|conv~0|\n");
    const bad = cli("measure", "run", "--runtime", "node-wasm", "--archs", join(dir, "bad.csv"), "--out", join(dir, "x.csv"), "--space", "nb201");
    // a bad line of a file is a data error (exit 1) naming file and line, not a usage error
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.csv: line 2: "\|conv~0\|" is not an architecture of the space \(.*not a NAS-Bench-201 architecture/);
    // a given NAS-Bench-201 index must be the official one
    writeFileSync(join(dir, "wrong.csv"), "index,arch\n5,|none~0|+|none~0|none~1|+|none~0|none~1|none~2|\n");
    const wrong = cli("measure", "run", "--runtime", "node-wasm", "--archs", join(dir, "wrong.csv"), "--out", join(dir, "x.csv"));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong\.csv: line 2: index 5 is not the official NAS-Bench-201 index of .* \(1651\)/);
    // serve takes no --runtime: the browser that opens the page is the runtime
    expect(cli("measure", "serve", "--runtime", "node-wasm", "--sample", "2", "--out", join(dir, "x.csv")).stderr).toMatch(/unknown option '--runtime'/);
    expect(cli("measure", "run", "--sample", "2", "--out", join(dir, "x.csv")).stderr).toMatch(/required option '--runtime <name>'/);
    expect(cli("measure", "report", join(dir, "missing.csv")).stderr).toMatch(/missing\.csv does not exist/);
  });
  it("measure serve with neither --archs nor --sample serves the 10 reference architectures behind one button", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pn-cli-serve-"));
    const child = spawn(process.execPath, ["dist/cli/bin.js", "measure", "serve", "--out", join(dir, "refs.csv")], { env: { ...process.env, PROXYNAS_DATA_MIRROR: mirrorDir() } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = "";
        child.stderr.on("data", (d: Buffer) => {
          err += d.toString();
          const m = /open (http:\/\/\S+) in the browser/.exec(err);
          if (m) resolve(m[1] as string);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      const u = new URL(url);
      const r = await fetch(`${u.origin}/api/session`, { method: "POST", headers: { "content-type": "application/json", "x-proxynas-token": u.searchParams.get("token") as string }, body: "{}" });
      const config = (await r.json()) as { count: number; startLabel: string; nextStep: string };
      expect(config.count).toBe(10);
      expect(config.startLabel).toBe("Measure the 10 reference architectures");
      expect(config.nextStep).toMatch(/proxynas describe-device --dataset help-nb201 --latencies .*refs\.csv/);
    } finally {
      child.kill();
    }
  }, 60_000);
});
