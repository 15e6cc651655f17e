import { afterEach, describe, expect, it } from "vitest";
import { EnvironmentError } from "../../src/errors.js";
import { firefoxPath, openInFirefox } from "../../src/runtime/firefox.js";

describe("firefoxPath", () => {
  const saved = process.env["PROXYNAS_FIREFOX"];
  afterEach(() => {
    if (saved === undefined) delete process.env["PROXYNAS_FIREFOX"];
    else process.env["PROXYNAS_FIREFOX"] = saved;
  });
  it("names a PROXYNAS_FIREFOX that does not exist", () => {
    process.env["PROXYNAS_FIREFOX"] = "/nonexistent/firefox";
    expect(() => firefoxPath()).toThrow(EnvironmentError);
    expect(() => firefoxPath()).toThrow(/PROXYNAS_FIREFOX=\/nonexistent\/firefox does not exist/);
  });
  it("finds Debian's Firefox", () => {
    expect(firefoxPath()).toMatch(/firefox/);
  });
});

describe("openInFirefox", () => {
  it("starts headless Firefox and closes it (the process ends)", async () => {
    const ff = await openInFirefox("about:blank");
    expect(ff.closing).toBe(false);
    await ff.close();
    expect(ff.closing).toBe(true);
    // exit code or signal: the process has ended
    await expect(Promise.race([ff.exited.then(() => "ended"), new Promise((r) => setTimeout(() => r("running"), 1000))])).resolves.toBe("ended");
  }, 60_000);
});
