import { afterEach, describe, expect, it } from "vitest";
import { EnvironmentError } from "../../src/errors.js";
import { findExecutable } from "../../src/runtime/executable.js";

const SPEC = { name: "Tool", envVar: "PROXYNAS_TEST_TOOL", candidates: ["/nonexistent/a", "/bin/sh", "/nonexistent/b"], install: "apt-get install -y tool" };

describe("findExecutable", () => {
  afterEach(() => {
    delete process.env["PROXYNAS_TEST_TOOL"];
  });
  it("takes the first usual path that exists", () => {
    expect(findExecutable(SPEC)).toBe("/bin/sh");
  });
  it("prefers the environment variable, and names it when it points nowhere", () => {
    process.env["PROXYNAS_TEST_TOOL"] = "/bin/ls";
    expect(findExecutable(SPEC)).toBe("/bin/ls");
    process.env["PROXYNAS_TEST_TOOL"] = "/nonexistent/tool";
    expect(() => findExecutable(SPEC)).toThrow(EnvironmentError);
    expect(() => findExecutable(SPEC)).toThrow(/PROXYNAS_TEST_TOOL=\/nonexistent\/tool does not exist; unset it or point it at a Tool binary/);
  });
  it("lists the paths tried and the install command when none exists", () => {
    expect(() => findExecutable({ ...SPEC, candidates: ["/nonexistent/a"] })).toThrow(/Tool not found \(looked for \/nonexistent\/a\); install it: apt-get install -y tool/);
  });
});
