import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load.js";
import { heldOut, heldOutSrcc } from "../../src/experiments/held-out.js";
import { spearman } from "../../src/stats/correlation.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("heldOut", () => {
  it("maps another table's measured architectures onto the predicted table's rows and judges a prediction on them", async () => {
    const help = await loadTable("help-nb201", { mirror: mirrorDir() });
    const local = await loadTable("local-nb201");
    const judge = heldOut(help, local, "node-wasm");
    const lat = local.latency("node-wasm");
    const valid = Array.from(lat).filter((v) => !Number.isNaN(v)).length;
    expect(judge.rows).toHaveLength(valid);
    judge.rows.forEach((row) => expect(help.archAt(row)).toBe(local.archAt(local.rowOfArch(help.archAt(row)) as number)));
    // a prediction that is the held-out truth itself ranks perfectly; pixel3's latencies as they are
    const perfect = new Float64Array(help.rows);
    judge.rows.forEach((row, i) => (perfect[row] = judge.truth[i] as number));
    expect(heldOutSrcc(judge, perfect)).toBeCloseTo(1, 12);
    const px = help.latency("pixel3");
    expect(heldOutSrcc(judge, px)).toBeCloseTo(spearman(judge.rows.map((r) => px[r] as number), judge.truth).value, 12);
    expect(() => heldOut(help, local, "nope")).toThrowError(/local-nb201.* has no column nope; its columns: node-wasm/);
    expect(() => heldOutSrcc(judge, [1, 2])).toThrowError(/the prediction has 2 rows; row \d+ is held out/);
  });
});
