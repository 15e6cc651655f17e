import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load.js";
import { vpuRowAgainstPaper, vpuRowFigure } from "../../src/experiments/vpu-row.js";
import { spearman } from "../../src/stats/correlation.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("vpuRowAgainstPaper", () => {
  it("reproduces the OneProxy paper's VPU row: each of the 16 numbers is ours cut to 2 decimals, the EdgeTPU's with the source's -1 kept", async () => {
    const t = await loadTable("oneproxy-nb201", { mirror: mirrorDir() });
    const row = vpuRowAgainstPaper(t);
    expect(row).toHaveLength(16);
    for (const r of row) expect(Math.floor(r.sentinelsKept * 100) / 100).toBeCloseTo(r.paper, 12);
    const tpu = row.find((r) => r.column === "rice_edgetpu")!;
    expect(tpu.pairs).toBe(1740);
    expect(tpu.proxynas).toBeCloseTo(spearman(t.latency("true_vpu"), t.latency("rice_edgetpu")).value, 12);
    // without the -1 entries the EdgeTPU ranks closer to the VPU than the paper says
    expect(tpu.proxynas).toBeGreaterThan(tpu.sentinelsKept + 0.01);
    expect(row.filter((r) => r.column !== "rice_edgetpu").every((r) => r.sentinelsKept === r.proxynas && r.pairs === 1999)).toBe(true);
    const f = vpuRowFigure(row, (d) => d.toUpperCase(), { name: "vpu" });
    expect((f.data[0] as { x: string[] }).x[0]).toBe("RICE_EDGEGPU");
    expect((f.layout["title"] as { text: string }).text).toContain("axis from 0.5");
  });
  it("names the missing columns of another table", async () => {
    const help = await loadTable("help-nb201", { mirror: mirrorDir() });
    expect(() => vpuRowAgainstPaper(help)).toThrowError(/help-nb201 has no column true_vpu, rice_edgegpu/);
  });
});
