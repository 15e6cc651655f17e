import { describe, expect, it } from "vitest";
import { hardwareModel, relatedDevice } from "../../src/data/devices.js";

describe("hardwareModel and relatedDevice", () => {
  it("drops the batch size of HELP's GPU columns only", () => {
    expect(hardwareModel("titan_rtx_256")).toBe("titan_rtx");
    expect(hardwareModel("1080ti_1")).toBe("1080ti");
    expect(hardwareModel("titanxp_32")).toBe("titanxp");
    expect(hardwareModel("silver_4114")).toBe("silver_4114");
    expect(hardwareModel("samsung_a50")).toBe("samsung_a50");
    expect(hardwareModel("eagle_jetson_16")).toBe("eagle_jetson_16");
  });
  it("relates aliases, the same model measured elsewhere, and the same GPU at another batch size", () => {
    expect(relatedDevice("rice_fpga", "fpga")).toBe(true);
    expect(relatedDevice("eagle_gtx", "1080ti_256")).toBe(true);
    expect(relatedDevice("1080ti_32", "eagle_gtx")).toBe(true);
    expect(relatedDevice("2080ti_1", "2080ti_256")).toBe(true);
    expect(relatedDevice("true_640", "eagle_gpu_855")).toBe(true);
    expect(relatedDevice("rice_edgetpu", "eagle_tpu")).toBe(true);
    expect(relatedDevice("true_630", "eagle_gpu_855")).toBe(false);
    expect(relatedDevice("titanx_1", "titanxp_1")).toBe(false);
    expect(relatedDevice("2080ti_256", "titan_rtx_256")).toBe(false);
    expect(relatedDevice("eagle_gtx", "titan_rtx_1")).toBe(false);
    expect(relatedDevice("silver_4114", "silver_4210r")).toBe(false);
  });
});
