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
  it("leaves out the same hardware from another source and the same GPU at another batch size, unless told to keep them", () => {
    const om = monotonicityMatrix(oneproxy);
    const srcc = (a: string, b: string) => (om.matrix[om.devices.indexOf(a)] as number[])[om.devices.indexOf(b)] as number;
    // with aliases alone left out, the Edge TPU's best proxy is the other source's Edge TPU (SRCC 0.936, "reuse"), the Adreno 640's the other Adreno 640
    const [tpuAliases, adrenoAliases] = bestProxies(om, { targets: ["rice_edgetpu", "eagle_gpu_855"], leaveOut: "aliases" });
    expect(tpuAliases?.proxy).toBe("eagle_tpu");
    expect(tpuAliases?.verdict).toBe("reuse");
    expect(adrenoAliases?.proxy).toBe("true_640");
    // by default they are left out: the Edge TPU's best other hardware ranks it below the 0.9 rule
    const [tpu, adreno] = bestProxies(om, { targets: ["rice_edgetpu", "eagle_gpu_855"] });
    expect(tpu?.proxy).toBe("true_vpu");
    expect(tpu?.value).toBeCloseTo(srcc("true_vpu", "rice_edgetpu"), 12);
    expect(tpu?.verdict).toBe("adapt");
    expect(adreno?.proxy).toBe("true_630");
    const hm = monotonicityMatrix(help, { devices: ["1080ti_1", "1080ti_32", "titan_rtx_1", "pixel3"] });
    expect(bestProxies(hm, { targets: ["1080ti_1"] })[0]?.proxy).not.toBe("1080ti_32");
    expect(() => bestProxies(hm, { targets: ["1080ti_1"], pool: ["1080ti_32"] })).toThrowError(/no proxy for 1080ti_1 .* once the target and its related devices are left out/);
    expect(() => bestProxies(hm, { leaveOut: "none" as never })).toThrowError(/leaveOut "none"; valid: related, aliases/);
  });
});
