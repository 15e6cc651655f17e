import { describe, expect, it } from "vitest";
import { correlate } from "../../src/stats/correlate.js";
import { pearson, spearman } from "../../src/stats/correlation.js";
import { kendall } from "../../src/stats/kendall.js";

describe("correlate", () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8];
  const y = [2, 1, 4, 3, 6, 5, 8, 17];
  it("dispatches to the named method", () => {
    expect(correlate(x, y, "spearman")).toEqual(spearman(x, y));
    expect(correlate(x, y, "kendall")).toEqual(kendall(x, y));
    expect(correlate(x, y, "pearson")).toEqual(pearson(x, y));
  });
  it("names the valid methods for an unknown one", () => {
    expect(() => correlate(x, y, "distance" as never)).toThrowError(/invalid value "distance"; valid: spearman, kendall, pearson/);
  });
});
