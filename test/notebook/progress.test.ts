import { describe, expect, it } from "vitest";
import { cellProgress } from "../../src/notebook/progress.js";

describe("cellProgress", () => {
  it("writes each line over the last one, padded to the longest so far, on one output line", () => {
    const out: string[] = [];
    const p = cellProgress((t) => out.push(t));
    p("search: cifar10 pixel2 done");
    p("search:\nshort");
    expect(out).toEqual(["\rsearch: cifar10 pixel2 done", `\r${"search: short".padEnd(27)}`]);
    expect(out.join("")).not.toContain("\n");
  });
});
