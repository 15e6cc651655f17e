/**
 * Fetch against a local HTTP server on 127.0.0.1 that serves the mirror's
 * files, and can truncate a body, flip a byte, kill the connection mid-transfer
 * or answer 404. Each failure must leave no file that looks valid.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChecksumError, fetchDataset } from "../../src/data/fetch.js";
import { datasetInfo, listDatasets, sourceUrl } from "../../src/data/registry.js";
import { EnvironmentError, ExecutionError } from "../../src/errors.js";
import { mirrorDir } from "../helpers/mirror.js";

let server: http.Server;
let base: string;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const [, mode, ...rest] = (req.url ?? "").split("/");
    const file = path.join(mirrorDir(), ...rest);
    hits.push(`${mode}/${rest.join("/")}`);
    if (mode === "404" || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    const body = readFileSync(file);
    if (mode === "ok") res.writeHead(200, { "content-length": body.length }).end(body);
    else if (mode === "truncate") res.writeHead(200).end(body.subarray(0, body.length >> 1));
    else if (mode === "wrong") {
      const bad = Buffer.from(body);
      bad[bad.length >> 1] = (bad[bad.length >> 1] as number) ^ 0xff;
      res.writeHead(200, { "content-length": bad.length }).end(bad);
    } else if (mode === "kill") {
      res.writeHead(200, { "content-length": body.length });
      res.write(body.subarray(0, body.length >> 1), () => setTimeout(() => res.socket?.destroy(), 20));
    } else if (mode === "announce") res.writeHead(200, { "content-length": body.length * 1000 }).end();
    else if (mode === "flood") {
      // no length announced, and far more bytes than the file has
      res.writeHead(200);
      const chunk = Buffer.alloc(1 << 20);
      let sent = 0;
      const more = () => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once("drain", more);
        else res.end();
      };
      res.on("error", () => undefined);
      more();
    } else res.writeHead(400).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fresh = () => mkdtempSync(path.join(os.tmpdir(), "pnb-cache-"));
const filesIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : []);

describe("registry", () => {
  it("holds the mirror's SHA256SUMS exactly", () => {
    const sums = new Map(
      readFileSync(path.join(mirrorDir(), "SHA256SUMS"), "utf8").trim().split("\n").map((l) => {
        const [h, p] = l.split(/\s+/);
        return [(p as string).replace(/^\.\//, ""), h as string] as const;
      }),
    );
    const registered = listDatasets().flatMap((d) => d.files);
    for (const f of registered) expect(f.sha256, f.path).toBe(sums.get(f.path));
    expect(datasetInfo("help-nb201").files.filter((f) => f.path.includes("/latency/"))).toHaveLength(27);
    expect(datasetInfo("help-ofa").files.filter((f) => f.path.includes("/latency/"))).toHaveLength(12);
    expect(datasetInfo("oneproxy-nb201").files.filter((f) => f.path.includes("latency_data/"))).toHaveLength(18);
    expect(sourceUrl("oneproxy/encode.pickle")).toBe("https://github.com/Ren-Research/OneProxy/raw/e3c9b2c/encode.pickle");
    expect(() => datasetInfo("imagenet")).toThrowError(/dataset "imagenet" is not registered; datasets: help-nb201, /);
  });
});

describe("fetchDataset from a server", () => {
  it("downloads, verifies and then serves from the cache", async () => {
    const cache = fresh();
    const lines: string[] = [];
    const first = await fetchDataset("proxylessnas-mobile-lut", { mirror: false, cacheDir: cache, baseUrl: `${base}/ok`, onProgress: (l) => lines.push(l) });
    expect(first.from).toBe("download");
    expect(lines[0]).toMatch(/^\[1\/1\] ofa\/proxylessnas\/mobile_trim\.yaml \(10 KiB\) <- http:\/\/127\.0\.0\.1/);
    expect(readFileSync(path.join(cache, "ofa/proxylessnas/mobile_trim.yaml"))).toEqual(readFileSync(path.join(mirrorDir(), "ofa/proxylessnas/mobile_trim.yaml")));
    const n = hits.length;
    const second = await fetchDataset("proxylessnas-mobile-lut", { mirror: false, cacheDir: cache, baseUrl: `${base}/ok` });
    expect(second.from).toBe("cache");
    expect(hits.length).toBe(n);
  });
  it("re-downloads a cached file that no longer verifies", async () => {
    const cache = fresh();
    await fetchDataset("proxylessnas-mobile-lut", { mirror: false, cacheDir: cache, baseUrl: `${base}/ok` });
    writeFileSync(path.join(cache, "ofa/proxylessnas/mobile_trim.yaml"), "corrupted");
    const again = await fetchDataset("proxylessnas-mobile-lut", { mirror: false, cacheDir: cache, baseUrl: `${base}/ok` });
    expect(again.from).toBe("download");
  });
  it.each([
    ["truncate", ChecksumError, /got \d+ bytes, expected 10504 \(truncated or a different file\); nothing was kept/],
    ["wrong", ChecksumError, /SHA-256 [0-9a-f]{64}, expected 087e855e.*; nothing was kept/],
    ["kill", ExecutionError, /was interrupted after \d+ of 10504 bytes/],
    ["404", ExecutionError, /the server answered HTTP 404 Not Found \(no such file there/],
    ["announce", ChecksumError, /the server announces 10504000 bytes, expected 10504 \(a different file\); nothing was read/],
    ["flood", ChecksumError, /more than the 10504 bytes expected/],
  ] as const)("%s: a clear error and no file that looks valid", async (mode, type, message) => {
    const cache = fresh();
    const err = await fetchDataset("proxylessnas-mobile-lut", { mirror: false, cacheDir: cache, baseUrl: `${base}/${mode}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(type);
    expect((err as Error).message).toMatch(message);
    // a server that answered is not a missing network
    expect((err as Error).message).not.toMatch(/No network here/);
    expect(filesIn(cache)).toEqual([]);
  });
  it("with neither network nor mirror: one error naming both ways out", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await fetchDataset("proxylessnas-mobile-lut", { mirror: false, cacheDir: fresh(), baseUrl: `http://127.0.0.1:${port}` }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(EnvironmentError);
    expect((err as Error).message).toMatch(/failed: .*ECONNREFUSED.*Either point PROXYNAS_DATA_MIRROR \(or --mirror\)/);
  });
});

describe("fetchDataset from a mirror", () => {
  it("verifies mirror files and names a corrupt one", async () => {
    const dir = fresh();
    mkdirSync(path.join(dir, "ofa/proxylessnas"), { recursive: true });
    copyFileSync(path.join(mirrorDir(), "ofa/proxylessnas/mobile_trim.yaml"), path.join(dir, "ofa/proxylessnas/mobile_trim.yaml"));
    expect((await fetchDataset("proxylessnas-mobile-lut", { mirror: dir })).from).toBe("mirror");
    const f = path.join(dir, "ofa/proxylessnas/mobile_trim.yaml");
    const b = readFileSync(f);
    b[100] = (b[100] as number) ^ 1;
    writeFileSync(f, b);
    await expect(fetchDataset("proxylessnas-mobile-lut", { mirror: dir })).rejects.toThrowError(/mobile_trim\.yaml: SHA-256 [0-9a-f]{64}, expected 087e855e/);
    await expect(fetchDataset("ofa-accuracy-predictor", { mirror: dir })).rejects.toThrowError(/acc_predictor\.pth is missing from the mirror/);
  });
});

describe("configuredMirror", () => {
  it("takes the option, then PROXYNAS_DATA_MIRROR, then ../shared/datasets; false and 'none' turn it off", async () => {
    const { configuredMirror } = await import("../../src/data/fetch.js");
    const prev = process.env["PROXYNAS_DATA_MIRROR"];
    try {
      delete process.env["PROXYNAS_DATA_MIRROR"];
      expect(configuredMirror({ mirror: "/x/y" })).toBe("/x/y");
      expect(configuredMirror({ mirror: false })).toBeUndefined();
      expect(configuredMirror()).toBe(path.resolve("..", "shared", "datasets")); // tests run from the project root, beside shared/
      process.env["PROXYNAS_DATA_MIRROR"] = "/from/env";
      expect(configuredMirror()).toBe("/from/env");
      process.env["PROXYNAS_DATA_MIRROR"] = "none";
      expect(configuredMirror()).toBeUndefined();
    } finally {
      if (prev === undefined) delete process.env["PROXYNAS_DATA_MIRROR"];
      else process.env["PROXYNAS_DATA_MIRROR"] = prev;
    }
  });
});
