import { describe, expect, it } from "vitest";
import { toDataFrame } from "../../src/notebook/dataframe.js";
import { tableView } from "../../src/viz/table.js";
import { LatencyTable } from "../../src/data/latency-table.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";

describe("danfojs conversion", () => {
  it("converts a table view", () => {
    const df = toDataFrame(tableView([{ x: 1, y: "p" }, { x: 2, y: "q" }])) as { shape: number[] };
    expect(df.shape).toEqual([2, 2]);
  });
  it("converts a whole latency table, not just its displayed rows", () => {
    const archs = nb201Enumerate().slice(0, 50).map(nb201Format);
    const t = LatencyTable.create({ space: "nb201", archs, devices: [{ info: { name: "d", source: "s" }, values: archs.map((_, i) => (i === 3 ? -1 : i)) }] });
    const df = toDataFrame(t) as { shape: number[]; columns: string[]; values: unknown[][] };
    expect(df.shape).toEqual([50, 3]);
    expect(df.columns).toEqual(["index", "arch", "d"]);
    expect(Number.isNaN(df.values[3]?.[2] as number)).toBe(true);
  });
});
