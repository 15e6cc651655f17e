import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serveMeasurement } from "../../src/measure/measure-server.js";
import { withBrowser } from "../../src/runtime/chromium.js";

const ARCHS = [{ index: 1, arch: "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|" }];

describe("the measurement page (headless Chromium)", () => {
  it("waits for one click on its start button, then measures, then shows the next step", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "pn-page-")), "refs.csv");
    let before = -1;
    const s = await serveMeasurement({
      space: "nb201", name: "chromium-wasm", backend: "wasm", archs: ARCHS, out, idleTimeoutMs: 60_000,
      protocol: { processWarmupMs: 0, passes: 1, warmup: 0, minRuns: 1, maxRuns: 1, budgetMs: 0 },
      startLabel: "Measure the 1 reference architecture", nextStep: "next: proxynas describe-device",
      onListening: (url) =>
        withBrowser(async (browser) => {
          const page = await browser.newPage();
          await page.goto(url, { waitUntil: "load", timeout: 60_000 });
          await page.waitForFunction("globalThis.__proxynas && globalThis.__proxynas.state === 'waiting'", undefined, { timeout: 30_000, polling: 100 });
          expect(await page.evaluate<string>("document.getElementById('start').textContent")).toBe("Measure the 1 reference architecture");
          expect(await page.evaluate<boolean>("document.getElementById('start').hidden")).toBe(false);
          // nothing is measured before the click
          await new Promise((r) => setTimeout(r, 500));
          before = await page.evaluate<number>("globalThis.__proxynas.done");
          await page.evaluate("document.getElementById('start').click()");
          await page.waitForFunction("globalThis.__proxynas.state === 'done' || globalThis.__proxynas.state === 'error'", undefined, { timeout: 60_000, polling: 200 });
          expect(await page.evaluate<string>("globalThis.__proxynas.state")).toBe("done");
          expect(await page.evaluate<string>("document.getElementById('next').textContent")).toBe("next: proxynas describe-device");
        }),
    });
    expect(before).toBe(0);
    expect(s).toMatchObject({ measured: 1, failed: 0 });
  }, 120_000);
});
