import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load.js";
import { greedyReferences } from "../../src/scale/greedy-references.js";
import { referenceRows } from "../../src/scale/references.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("referenceRows", () => {
  it("is HELP's 10 NAS-Bench-201 references (official indices) on a table that holds them", async () => {
    const help = await loadTable("help-nb201", { mirror: mirrorDir() });
    const r = await referenceRows(help, { pool: ["pixel3"], mirror: mirrorDir() });
    expect(r.source).toBe("help");
    expect(r.rows.map((row) => help.indexAt(row))).toEqual([11982, 431, 55, 9, 14451, 8636, 9881, 13479, 6196, 1462]);
  });
  it("is 10 stratified rows over the pool on a table that lacks one of them (OneProxy holds 1 of the 10), seeded", async () => {
    const op = await loadTable("oneproxy-nb201", { mirror: mirrorDir() });
    const a = await referenceRows(op, { pool: ["true_vpu"], seed: 1, mirror: mirrorDir() });
    expect(a.source).toBe("stratified");
    expect(new Set(a.rows).size).toBe(10);
    expect((await referenceRows(op, { pool: ["true_vpu"], seed: 1, mirror: mirrorDir() })).rows).toEqual(a.rows);
    await expect(referenceRows(op, { pool: [], mirror: mirrorDir() })).rejects.toThrowError(/does not hold HELP's reference architectures; give a pool/);
  });
  it("is HELP's Once-for-All references on help-ofa", async () => {
    const ofa = await loadTable("help-ofa", { mirror: mirrorDir() });
    const r = await referenceRows(ofa, { pool: [], mirror: mirrorDir() });
    expect(r).toEqual({ rows: [1316, 1587, 1621, 1636, 1980, 2329, 2487, 3355, 3740, 4948], source: "help" });
  });
  it("is our greedy set on request (sorted, deterministic), and refuses HELP's where the table lacks it", async () => {
    const help = await loadTable("help-nb201", { mirror: mirrorDir() });
    const pool = ["pixel3", "1080ti_1", "silver_4114", "eyeriss"];
    const g = await referenceRows(help, { pool, choice: "greedy", mirror: mirrorDir() });
    expect(g.source).toBe("greedy");
    expect(g.rows).toEqual([...greedyReferences(help, pool, 10).rows].sort((a, b) => a - b));
    const op = await loadTable("oneproxy-nb201", { mirror: mirrorDir() });
    await expect(referenceRows(op, { pool: ["true_vpu"], choice: "help", mirror: mirrorDir() })).rejects.toThrowError(/does not hold all of HELP's reference architectures; valid choices here: stratified, greedy/);
    expect((await referenceRows(help, { pool, choice: "stratified", seed: 2, mirror: mirrorDir() })).source).toBe("stratified");
  });
});
