import { describe, expect, it } from "vitest";
import { InvalidArgumentError, oneOf, ProxynasError } from "../src/errors.js";

describe("oneOf", () => {
  it("returns a valid member", () => {
    expect(oneOf("f: x", "b", ["a", "b"] as const)).toBe("b");
  });
  it("names the bad value and lists the valid ones", () => {
    expect(() => oneOf("f: x", "c", ["a", "b"])).toThrowError(/f: x: invalid value "c"; valid: a, b/);
    try {
      oneOf("f: x", 3, ["a"]);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect(e).toBeInstanceOf(ProxynasError);
      expect((e as ProxynasError).code).toBe("invalid-argument");
    }
  });
});
