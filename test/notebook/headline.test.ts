import { describe, expect, it } from "vitest";
import { formatHeadline, headline, isHeadline } from "../../src/notebook/headline.js";

describe("headline", () => {
  it("formats as one line, non-integers to 4 significant digits, with unit and note", () => {
    expect(formatHeadline(headline("devices", 27))).toBe("devices: 27");
    expect(formatHeadline(headline("SRCC", 0.690526859861756, { note: "1,999 rows" }))).toBe("SRCC: 0.6905 (1,999 rows)");
    expect(formatHeadline(headline("time", 12.5, { unit: "ms" }))).toBe("time: 12.5 ms");
    expect(isHeadline(headline("x", "y"))).toBe(true);
    expect(isHeadline({ kind: "table" })).toBe(false);
  });
  it("needs a non-empty name", () => {
    expect(() => headline(" ", 1)).toThrowError(/non-empty string/);
  });
});
