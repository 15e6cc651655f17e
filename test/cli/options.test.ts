import { describe, expect, it } from "vitest";
import { intOption, numberOption } from "../../src/cli/options.js";
import { InvalidArgumentError, oneOf } from "../../src/errors.js";

describe("option parsing", () => {
  it("oneOf takes one of the allowed strings and names the valid ones otherwise", () => {
    expect(oneOf("--format", "csv", ["csv", "json"] as const)).toBe("csv");
    expect(() => oneOf("--format", "xml", ["csv", "json"] as const)).toThrowError(/--format: invalid value "xml"; valid: csv, json/);
    expect(() => oneOf("--format", undefined, ["csv"] as const)).toThrowError(InvalidArgumentError);
  });
  it("intOption and numberOption check the range and pass an absent option through", () => {
    expect(intOption("--samples", "20", 3)).toBe(20);
    expect(intOption("--samples", undefined, 3)).toBeUndefined();
    expect(() => intOption("--samples", "2", 3)).toThrowError(/--samples: "2" must be an integer >= 3/);
    expect(() => intOption("--samples", "2.5", 1)).toThrowError(InvalidArgumentError);
    expect(numberOption("--sigma", "0.02", 0, 10)).toBe(0.02);
    expect(() => numberOption("--sigma", "", 0, 10)).toThrowError(/must be a number in \[0, 10\]/);
    expect(() => numberOption("--sigma", "NaN", 0, 10)).toThrowError(InvalidArgumentError);
  });
});
