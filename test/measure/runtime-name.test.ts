import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors.js";
import { parseRuntime, RUNTIME_NAMES } from "../../src/measure/runtime-name.js";

describe("parseRuntime", () => {
  it("splits every runtime name into host and backend", () => {
    expect(parseRuntime("node-wasm")).toEqual({ name: "node-wasm", host: "node", backend: "wasm" });
    expect(parseRuntime("chromium-webgl")).toEqual({ name: "chromium-webgl", host: "chromium", backend: "webgl" });
    expect(parseRuntime("firefox-wasm")).toEqual({ name: "firefox-wasm", host: "firefox", backend: "wasm" });
    for (const n of RUNTIME_NAMES) expect(`${parseRuntime(n).host}-${parseRuntime(n).backend}`).toBe(n);
  });
  it("rejects an unknown runtime with a typed error that lists the valid ones", () => {
    expect(() => parseRuntime("safari-wasm")).toThrow(InvalidArgumentError);
    expect(() => parseRuntime("safari-wasm")).toThrow(/safari-wasm.*firefox-wasm/s);
  });
});
