import { describe, expect, it } from "vitest";
import { denseRanks } from "../../src/stats/argsort.js";
import { averageRanks } from "../../src/stats/rank.js";

describe("averageRanks", () => {
  it("average ranks give ties their mean rank and leave NaN unranked", () => {
    expect(Array.from(averageRanks([10, 20, 20, Number.NaN, 5]))).toEqual([2, 3.5, 3.5, Number.NaN, 1]);
    expect(denseRanks([5, 1, 5, 3])).toMatchObject({ distinct: 3, tiedPairs: 1 });
  });
});
