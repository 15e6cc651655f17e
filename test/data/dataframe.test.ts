import { describe, expect, it } from "vitest";
import { dataFrameFromColumns } from "../../src/data/dataframe.js";

describe("danfojs conversion", () => {
  it("builds a DataFrame from columns, typed arrays included", () => {
    const df = dataFrameFromColumns({ device: ["a", "b"], ms: new Float64Array([1.5, Number.NaN]) }) as { columns: string[]; shape: number[]; values: unknown[][] };
    expect(df.columns).toEqual(["device", "ms"]);
    expect(df.shape).toEqual([2, 2]);
    expect(df.values[0]).toEqual(["a", 1.5]);
  });
  it("rejects ragged or empty input", () => {
    expect(() => dataFrameFromColumns({ a: [1], b: [1, 2] })).toThrowError(/column "b" has 2 values, column "a" has 1/);
    expect(() => dataFrameFromColumns({})).toThrowError(/no columns given/);
  });
});
