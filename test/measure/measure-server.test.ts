import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tableFromCsv } from "../../src/data/csv-table.js";
import { readMeasurementFile } from "../../src/measure/measurement-file.js";
import { MAX_BODY_BYTES, serveMeasurement } from "../../src/measure/measure-server.js";
import { runStats } from "../../src/measure/protocol.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";

const A = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const B = "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|";
const ARCHS = [{ index: 4, arch: A }, { index: 6, arch: B }];

/** A scripted "page": drives the API by hand and collects every status and body. */
async function scripted(url: string, steps: (call: (path: string, body: unknown, token?: string) => Promise<{ status: number; body: any }>, token: string, origin: string) => Promise<void>) {
  const u = new URL(url);
  const token = u.searchParams.get("token") as string;
  const call = async (path: string, body: unknown, tok = token) => {
    const r = await fetch(`${u.origin}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-proxynas-token": tok }, body: typeof body === "string" ? body : JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
  };
  await steps(call, token, u.origin);
}

const okResult = (arch: string, ms: number) => ({ arch, ok: true, stats: runStats([ms, ms, ms]) });

describe("serveMeasurement", () => {
  it("offers a start button with the session's label, and the next step for when it is done", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pn-serve-"));
    const out = join(dir, "refs.csv");
    const pending = serveMeasurement({
      space: "nb201", name: "browser-wasm", backend: "wasm", archs: ARCHS, out, protocol: { passes: 1 }, idleTimeoutMs: 5_000,
      startLabel: "Measure the 2 reference architectures", nextStep: "next: proxynas describe-device --latencies refs.csv",
      onListening: (url) =>
        scripted(url, async (call, _token, origin) => {
          expect(await (await fetch(`${origin}/`)).text()).toContain('<button id="start" hidden');
          const config = await call("/api/session", {});
          expect(config.body).toMatchObject({ count: 2, startLabel: "Measure the 2 reference architectures", nextStep: "next: proxynas describe-device --latencies refs.csv" });
          await call("/api/error", { message: "stopped by the test" });
        }),
    });
    await expect(pending).rejects.toThrowError(/stopped by the test/);
    await expect(serveMeasurement({ space: "nb201", name: "b", backend: "wasm", archs: ARCHS, out, startLabel: "" })).rejects.toThrowError(/startLabel of 0 characters; valid: 1 to 200/);
  });
  it("serves the page and the wasm binaries; validates every post; writes only its output file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pn-serve-"));
    const out = join(dir, "b.csv");
    const seen: Record<string, number> = {};
    const summary = await serveMeasurement({
      space: "nb201", name: "browser-wasm", backend: "wasm", archs: ARCHS, out, protocol: { passes: 1 },
      onListening: (url) =>
        scripted(url, async (call, token, origin) => {
          expect(url.startsWith("http://127.0.0.1:")).toBe(true);
          const page = await fetch(`${origin}/`);
          expect(page.headers.get("cross-origin-opener-policy")).toBe("same-origin");
          expect(await page.text()).toContain('<script src="/measure-page.js">');
          expect((await fetch(`${origin}/measure-page.js`)).status).toBe(200);
          expect((await fetch(`${origin}/wasm/tfjs-backend-wasm-simd.wasm`)).headers.get("content-type")).toBe("application/wasm");
          expect((await fetch(`${origin}/wasm/../../package.json`)).status).toBe(404);
          expect((await fetch(`${origin}/etc/passwd`)).status).toBe(404);
          expect((await call("/api/session", {}, "wrong")).status).toBe(403);
          expect((await call("/api/session", "x".repeat(MAX_BODY_BYTES + 1))).status).toBe(413);
          expect((await call("/api/session", "{not json")).status).toBe(400);
          const config = await call("/api/session", {});
          expect(config.body).toMatchObject({ space: "nb201", backend: "wasm", seed: 0 });
          expect((await call("/api/result", { index: 4, arch: A, pass: 0, result: okResult(A, 5) })).status).toBe(409); // hello first
          const hello = { userAgent: "test", backend: "wasm", backendDetail: "wasm (SIMD on)", tfjsVersion: "4.22.0", cores: 8, platform: "x", memoryGb: 8 };
          expect((await call("/api/hello", { ...hello, backend: "webgl" })).body.error).toMatch(/the page runs "webgl", the session asked for wasm/);
          expect((await call("/api/hello", "null")).status).toBe(400);
          const work = await call("/api/hello", hello);
          // a reload of the same page carries on; another browser may not join this column
          expect((await call("/api/hello", { ...hello, userAgent: "another browser" })).status).toBe(409);
          expect((await call("/api/result", { index: 4, arch: A, pass: 0, result: { arch: A, ok: true, stats: { ...runStats([5]), medianMs: 1e308 } } })).status).toBe(400);
          expect(work.body.todo).toEqual([{ index: 4, arch: A, pass: 0 }, { index: 6, arch: B, pass: 0 }]);
          const bad = [
            [{ index: 4, arch: "|none~0|", pass: 0, result: okResult("|none~0|", 5) }, /not in this session's list/],
            [{ index: 5, arch: A, pass: 0, result: okResult(A, 5) }, /index 5 does not match 4/],
            [{ index: 4, arch: A, pass: 1, result: okResult(A, 5) }, /pass 1 is not in 0..0/],
            [{ index: 4, arch: A, pass: 0, result: { arch: A, ok: true, stats: { ...runStats([5]), medianMs: -1 } } }, /medianMs: -1 is not a number in \[0, 3600000\]/],
            [{ index: 4, arch: A, pass: 0, result: { arch: A, ok: true, stats: { ...runStats([5]), medianMs: "NaN" } } }, /medianMs: "NaN"/],
            [{ index: 4, arch: A, pass: 0, result: { arch: A, ok: false, reason: "" } }, /reason: expected a non-empty string/],
            [{ index: 4, arch: A, pass: 0, result: okResult(B, 5) }, /for the same architecture/],
          ] as const;
          for (const [body, why] of bad) {
            const r = await call("/api/result", body);
            expect(r.status, JSON.stringify(body)).toBe(400);
            expect(r.body.error).toMatch(why);
          }
          expect((await call("/api/done", {})).status).toBe(409); // two pending
          expect((await call("/api/result", { index: 4, arch: A, pass: 0, result: okResult(A, 5) })).status).toBe(200);
          // a retry of an accepted result is answered alike (its first answer may have been lost); a different result for it is a conflict
          expect((await call("/api/result", { index: 4, arch: A, pass: 0, result: okResult(A, 5) })).body).toEqual({ ok: true, duplicate: true });
          expect((await call("/api/result", { index: 4, arch: A, pass: 0, result: okResult(A, 6) })).status).toBe(409);
          expect((await call("/api/result", { index: 6, arch: B, pass: 0, result: { arch: B, ok: false, reason: "out of\nmemory \u001b[31mred\u001b[0m" } })).status).toBe(200);
          expect((await call("/api/nothing", {})).status).toBe(404);
          seen["done"] = (await call("/api/done", {})).status;
          void token;
        }),
    });
    expect(seen["done"]).toBe(200);
    expect(summary).toMatchObject({ runtime: "browser-wasm", measured: 1, failed: 1 });
    expect(readdirSync(dir).sort()).toEqual(["b.csv", "b.csv.json"]);
    const t = tableFromCsv(readFileSync(out, "utf8"), { space: "nb201" });
    expect(Array.from(t.latency("browser-wasm"))).toEqual([5, Number.NaN]);
    const sec = (await readMeasurementFile(out))?.runtimes["browser-wasm"];
    expect(sec?.metadata).toMatchObject({ host: "browser", userAgent: "test", backendDetail: "wasm (SIMD on)", machine: { cores: 8, memoryGb: 8 } });
    // a failure reason is kept printable: no newline or terminal escape reaches a progress line or a report
    expect(sec?.results.find((r) => !r.ok)).toMatchObject({ ok: false, reason: "out of memory  [31mred [0m" });
  });
  it("a page error fails the run with the page's message; bad options are typed errors", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "pn-serve-")), "e.csv");
    await expect(
      serveMeasurement({ space: "nb201", name: "browser-webgl", backend: "webgl", archs: ARCHS, out, onListening: (url) => scripted(url, async (call) => void (await call("/api/error", { message: "WebGL is not available" }))) }),
    ).rejects.toThrow(/the measurement page on browser-webgl failed: WebGL is not available/);
    await expect(serveMeasurement({ space: "nb201", name: "../evil", backend: "wasm", archs: ARCHS, out })).rejects.toThrow(/not a valid column name/);
    await expect(serveMeasurement({ space: "nb201", name: "x", backend: "metal" as "wasm", archs: ARCHS, out })).rejects.toThrow(/expected wasm, cpu or webgl/);
  });

  it("calls onFinished once when the run ends, and closes the server even when onFinished throws", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "pn-serve-")), "f.csv");
    let calls = 0;
    let origin = "";
    await expect(
      serveMeasurement({
        space: "nb201",
        name: "browser-wasm",
        backend: "wasm",
        archs: ARCHS,
        out,
        onListening: (url) => scripted(url, async (call, _token, o) => {
          origin = o;
          await call("/api/error", { message: "stopped" });
        }),
        onFinished: () => {
          calls++;
          throw new Error("closing the browser failed");
        },
      }),
    ).rejects.toThrow(/closing the browser failed/);
    expect(calls).toBe(1);
    await expect(fetch(`${origin}/`)).rejects.toThrow();
  });
  it("loses nothing under hundreds of concurrent results, retries included, and leaves no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pn-serve-burst-"));
    const out = join(dir, "burst.csv");
    const archs = nb201Enumerate().slice(0, 300).map((a, index) => ({ index, arch: nb201Format(a) }));
    const statuses: number[] = [];
    const summary = await serveMeasurement({
      space: "nb201", name: "browser-wasm", backend: "wasm", archs, out, protocol: { passes: 1 },
      onListening: (url) =>
        scripted(url, async (call) => {
          await call("/api/hello", { userAgent: "test", backend: "wasm", backendDetail: "wasm", tfjsVersion: "4.22.0", cores: 2, platform: "x", memoryGb: 8 });
          // every result posted twice at once: 600 concurrent posts
          const posts = archs.flatMap((a) => [0, 1].map(() => call("/api/result", { index: a.index, arch: a.arch, pass: 0, result: okResult(a.arch, 1 + a.index / 100) })));
          for (const r of await Promise.all(posts)) statuses.push(r.status);
          statuses.push((await call("/api/done", {})).status);
        }),
    });
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(summary).toMatchObject({ measured: 300, failed: 0 });
    const file = await readMeasurementFile(out);
    const results = file?.runtimes["browser-wasm"]?.results ?? [];
    expect(results).toHaveLength(300);
    expect(new Set(results.map((r) => r.arch)).size).toBe(300);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(301);
    expect(readdirSync(dir).sort()).toEqual(["burst.csv", "burst.csv.json"]);
  }, 60_000);
});
