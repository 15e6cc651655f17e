import { beforeAll, describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { correlate } from "../../src/stats/correlate.js";
import { monotonicityMatrix } from "../../src/stats/monotonicity-matrix.js";
import { mirrorDir } from "../helpers/mirror.js";

let oneproxy: LatencyTable;
let help: LatencyTable;
beforeAll(async () => {
  [oneproxy, help] = await Promise.all([loadTable("oneproxy-nb201", { mirror: mirrorDir() }), loadTable("help-nb201", { mirror: mirrorDir() })]);
});

/** The paper's "proxy" row (Myriad VPU), METHODS.md, by column name. */
const PAPER_VPU_ROW: Readonly<Record<string, number>> = {
  rice_edgegpu: 0.75, rice_edgetpu: 0.87, rice_eyeriss: 0.67, rice_fpga: 0.67, rice_pixel3: 0.61, rice_raspi4: 0.65, true_630: 0.76, true_640: 0.76, true_a76: 0.74,
  eagle_gtx: 0.69, eagle_cpu_855: 0.88, eagle_dsp_855: 0.89, eagle_gpu_855: 0.74, eagle_i7: 0.68, eagle_jetson: 0.84, eagle_jetson_16: 0.8,
};

describe("monotonicity matrix on OneProxy (golden)", () => {
  it("SRCC(true_vpu, eagle_gtx) over all 1,999 rows is 0.6905 (scipy: 0.690526859861756)", () => {
    const m = monotonicityMatrix(oneproxy);
    const i = m.devices.indexOf("true_vpu");
    const j = m.devices.indexOf("eagle_gtx");
    expect(m.matrix[i]?.[j]).toBeCloseTo(0.690526859861756, 10);
    expect(m.pairs[i]?.[j]).toBe(1999);
  });
  it("the Myriad VPU row matches the paper within 0.02 (EdgeTPU: the paper kept the -1 entries)", () => {
    const m = monotonicityMatrix(oneproxy);
    const i = m.devices.indexOf("true_vpu");
    for (const [d, paper] of Object.entries(PAPER_VPU_ROW)) {
      const ours = m.matrix[i]?.[m.devices.indexOf(d)] as number;
      if (d === "rice_edgetpu") {
        expect(ours).toBeCloseTo(0.8965582867958231, 10); // 1,740 valid pairs (scipy)
        expect(m.pairs[i]?.[m.devices.indexOf(d)]).toBe(1740);
        const kept = correlate(oneproxy.latency("true_vpu"), oneproxy.latency(d).map((v) => (Number.isNaN(v) ? -1 : v)), "spearman");
        expect(kept.value).toBeCloseTo(0.8764511965085354, 10);
        expect(Math.abs(kept.value - paper)).toBeLessThan(0.02);
      } else expect(Math.abs(ours - paper), d).toBeLessThan(0.02);
    }
  });
  it("Kendall tau-b golden value (scipy: 0.5115626359435617)", () => {
    const m = monotonicityMatrix(oneproxy, { method: "kendall", devices: ["true_vpu", "eagle_gtx"] });
    expect(m.matrix[0]?.[1]).toBeCloseTo(0.5115626359435617, 10);
  });
});

describe("monotonicity matrix on HELP", () => {
  it("the fast paths equal the pairwise computation for every method", () => {
    const devices = ["pixel2", "samsung_a50", "pixel3", "fpga", "titan_rtx_256", "raspi4"];
    for (const method of ["spearman", "kendall", "pearson"] as const) {
      const m = monotonicityMatrix(help, { devices, method });
      for (let i = 0; i < devices.length; i++) {
        for (let j = 0; j < devices.length; j++) {
          const naive = i === j ? 1 : correlate(help.latency(devices[i] as string), help.latency(devices[j] as string), method).value;
          expect(m.matrix[i]?.[j]).toBeCloseTo(naive, 10);
        }
      }
    }
  });
  it("whole-millisecond phones: ties handled as scipy does", () => {
    const s = monotonicityMatrix(help, { devices: ["pixel2", "samsung_a50"] });
    const k = monotonicityMatrix(help, { devices: ["pixel2", "samsung_a50"], method: "kendall" });
    expect(s.matrix[0]?.[1]).toBeCloseTo(0.874009419934329, 10);
    expect(k.matrix[0]?.[1]).toBeCloseTo(0.7336140736728003, 10);
    const p = monotonicityMatrix(help, { devices: ["pixel3", "fpga"], method: "pearson" });
    expect(p.matrix[0]?.[1]).toBeCloseTo(0.888134755036226, 10);
  });
  it("missing values: pairs are re-ranked on common rows and the count reported", () => {
    const j = help.selectDevices(["pixel3"]).join(oneproxy.selectDevices(["true_vpu"]));
    const m = monotonicityMatrix(j);
    expect(m.pairs[0]?.[1]).toBe(1999);
    expect(m.matrix[0]?.[1]).toBeCloseTo(monotonicityMatrix(oneproxy, { devices: ["rice_pixel3", "true_vpu"] }).matrix[0]?.[1] as number, 12);
  });
  it("bad input: unknown device, fewer than two devices, a repeated device", () => {
    expect(() => monotonicityMatrix(help, { devices: ["pixel3", "pixel9"] })).toThrowError(/device "pixel9" is not in help-nb201; devices: 1080ti_1/);
    expect(() => monotonicityMatrix(help, { devices: ["pixel3"] })).toThrowError(/needs at least 2 devices, got 1/);
    expect(() => monotonicityMatrix(help, { devices: ["pixel3", "pixel3"] })).toThrowError(/named twice/);
    const disjoint = LatencyTable.create({
      space: "nb201",
      archs: [help.archAt(0), help.archAt(1), help.archAt(2), help.archAt(3)],
      devices: [
        { info: { name: "a", source: "t" }, values: [1, 2, Number.NaN, Number.NaN] },
        { info: { name: "b", source: "t" }, values: [Number.NaN, Number.NaN, 3, 4] },
      ],
      source: "disjoint.csv",
    });
    expect(() => monotonicityMatrix(disjoint)).toThrowError(/devices a and b of disjoint\.csv share no row where both have a latency/);
  });
});
