import { beforeAll, describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { bestProxies, proxyVerdict } from "../../src/stats/best-proxy.js";
import { monotonicityMatrix } from "../../src/stats/monotonicity-matrix.js";
import { mirrorDir } from "../helpers/mirror.js";

let oneproxy: LatencyTable;
let help: LatencyTable;
beforeAll(async () => {
  [oneproxy, help] = await Promise.all([loadTable("oneproxy-nb201", { mirror: mirrorDir() }), loadTable("help-nb201", { mirror: mirrorDir() })]);
});

describe("bestProxies", () => {
  it("best proxy never picks the target or its alias, and applies the 0.9 rule", () => {
    const j = help.join(oneproxy.selectDevices(["rice_pixel3", "true_vpu"]));
    const m = monotonicityMatrix(j, { devices: ["pixel3", "rice_pixel3", "fpga", "true_vpu", "eyeriss"] });
    const [best] = bestProxies(m, { targets: ["pixel3"] });
    expect(best?.proxy).not.toBe("rice_pixel3");
    expect(best?.proxy).not.toBe("pixel3");
    expect(proxyVerdict(0.9)).toBe("reuse");
    expect(proxyVerdict(0.8999)).toBe("adapt");
    expect(proxyVerdict(Number.NaN)).toBe("adapt");
    expect(() => bestProxies(m, { targets: ["pixel3"], pool: ["rice_pixel3"] })).toThrowError(/no proxy for pixel3/);
  });
});
