import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors.js";
import { choiceCounts } from "../../src/predict/choice-counts.js";
import { nb201FeatureMatrix } from "../../src/predict/nb201-features.js";

describe("choiceCounts", () => {
  it("counts each choice over the slots of a slot-major one-hot", () => {
    const archs = ["|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|", "|none~0|+|none~0|none~1|+|none~0|none~1|nor_conv_1x1~2|"];
    const c = choiceCounts(nb201FeatureMatrix(archs, "onehot"), 6, 5);
    expect(c.rows).toBe(2);
    expect(c.cols).toBe(5);
    // none, skip, conv1x1, conv3x3, pool
    expect([...c.data.subarray(0, 5)]).toEqual([0, 2, 0, 3, 1]);
    expect([...c.data.subarray(5, 10)]).toEqual([5, 0, 1, 0, 0]);
    const live = choiceCounts(nb201FeatureMatrix(archs, "live"), 6, 5);
    // the second cell's only operation hangs off node 2, which nothing reaches: nothing is live
    expect([...live.data.subarray(5, 10)]).toEqual([0, 0, 0, 0, 0]);
  });
  it("ignores columns past slots x choices and rejects a matrix too narrow", () => {
    const m = { rows: 1, cols: 5, data: Float64Array.of(1, 0, 0, 1, 7) };
    expect([...choiceCounts(m, 2, 2).data]).toEqual([1, 1]);
    expect(() => choiceCounts(m, 3, 2)).toThrow(InvalidArgumentError);
    expect(() => choiceCounts(m, 3, 2)).toThrow(/6 columns, the matrix has 5/);
  });
});
