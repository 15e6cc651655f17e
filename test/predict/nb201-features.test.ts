import { describe, expect, it } from "vitest";
import { nb201LiveEdges } from "../../src/predict/nb201-features.js";
import { nb201Parse } from "../../src/spaces/nb201.js";

describe("live edges", () => {
  it("an edge is live when it lies on an input-to-output path of non-none edges", () => {
    expect(nb201LiveEdges(nb201Parse("|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|"))).toEqual([false, false, false, true, false, false]);
    expect(nb201LiveEdges(nb201Parse("|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|"))).toEqual([true, false, true, false, false, true]);
    expect(nb201LiveEdges(nb201Parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")).some(Boolean)).toBe(false);
  });
});
