/**
 * A measurement server killed (SIGKILL) while results pour in keeps every
 * result it acknowledged, and its files stay readable: each answer 200 comes
 * only after the result is on disk, and files are replaced by rename.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readMeasurementFile } from "../../src/measure/measurement-file.js";
import { runStats } from "../../src/measure/protocol.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";

const ARCHS = nb201Enumerate().slice(0, 400).map((a, index) => ({ index, arch: nb201Format(a) }));

/** Starts a server in a child process; resolves with its URL and the child. */
function startServer(out: string): Promise<{ url: string; child: ReturnType<typeof spawn> }> {
  const script = `
    import { serveMeasurement } from "${path.resolve("dist/index.js")}";
    const archs = ${JSON.stringify(ARCHS)};
    await serveMeasurement({ space: "nb201", name: "browser-wasm", backend: "wasm", archs, out: ${JSON.stringify(out)}, protocol: { passes: 1 },
      onListening: (url) => { process.stdout.write(url + "\\n"); return new Promise(() => undefined); } });`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout?.on("data", (d: Buffer) => {
      text += d.toString();
      const line = text.split("\n")[0] as string;
      if (text.includes("\n")) resolve({ url: line, child });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

describe("serveMeasurement under SIGKILL", () => {
  it("keeps every acknowledged result across kills at different moments of a burst, and resumes", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "pn-kill-")), "k.csv");
    const acknowledged = new Set<string>();
    for (const { delayMs, afterFirstAnswer } of [{ delayMs: 40, afterFirstAnswer: false }, { delayMs: 120, afterFirstAnswer: true }, { delayMs: 300, afterFirstAnswer: true }]) {
      const { url, child } = await startServer(out);
      const u = new URL(url);
      const headers = { "content-type": "application/json", "x-proxynas-token": u.searchParams.get("token") as string };
      const post = (p: string, body: unknown) => fetch(`${u.origin}${p}`, { method: "POST", headers, body: JSON.stringify(body) });
      const work = (await (await post("/api/hello", { userAgent: "test", backend: "wasm", backendDetail: "wasm", tfjsVersion: "4.22.0", cores: 2, platform: "x", memoryGb: 8 })).json()) as { todo: { index: number; arch: string; pass: number }[] };
      let firstAck: () => void = () => undefined;
      const acked = new Promise<void>((r) => (firstAck = r));
      const posts = work.todo.map(async (w) => {
        try {
          const r = await post("/api/result", { ...w, result: { arch: w.arch, ok: true, stats: runStats([1 + w.index / 1000]) } });
          if (r.status === 200) {
            acknowledged.add(w.arch);
            firstAck();
          }
        } catch {
          // the kill cut this one off: it was never acknowledged
        }
      });
      // the first kill comes on a clock (perhaps before any answer); the later ones after this burst's first answer, so that a loaded machine still kills mid-burst with results on disk
      if (afterFirstAnswer) await Promise.race([acked, new Promise((r) => setTimeout(r, 20_000))]);
      await new Promise((r) => setTimeout(r, delayMs));
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
      await Promise.all(posts);
      // the files are whole, and hold every acknowledged result
      const file = await readMeasurementFile(out);
      const have = new Set((file?.runtimes["browser-wasm"]?.results ?? []).map((r) => r.arch));
      for (const a of acknowledged) expect(have.has(a), a).toBe(true);
    }
    expect(acknowledged.size).toBeGreaterThan(0);
  }, 60_000);
});
