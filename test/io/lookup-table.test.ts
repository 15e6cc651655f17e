import { describe, expect, it } from "vitest";
import { parseLookupTable } from "../../src/io/lookup-table.js";

describe("parseLookupTable", () => {
  it("reads std tables and var tables (std = sqrt(var))", () => {
    const a = parseLookupTable("Conv-input:1x1x3-output:1x1x8:\n  count: 5\n  mean: 1.5\n  std: 0.1\n");
    expect(a.get("Conv-input:1x1x3-output:1x1x8")).toEqual({ mean: 1.5, std: 0.1, count: 5 });
    const b = parseLookupTable("k:\n  count: 2\n  mean: 3\n  var: 0.25\n");
    expect(b.get("k")?.std).toBe(0.5);
  });
  it("names file and key for bad entries", () => {
    expect(() => parseLookupTable("k:\n  count: 2\n  mean: -1\n", "t.yaml")).toThrowError(/t\.yaml: entry k: mean -1 is not a latency/);
    expect(() => parseLookupTable("k:\n  count: 0.5\n  mean: 1\n", "t.yaml")).toThrowError(/t\.yaml: entry k: count 0.5 is not a positive integer/);
    expect(() => parseLookupTable("k: [1, 2\n", "t.yaml")).toThrowError(/t\.yaml: not valid YAML/);
    expect(() => parseLookupTable("- 1\n", "t.yaml")).toThrowError(/expected a mapping/);
  });
});
