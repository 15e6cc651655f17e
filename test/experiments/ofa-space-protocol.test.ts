import { describe, expect, it } from "vitest";
import { fitOfaTargetModels, runOfaSpaceSearch } from "../../src/experiments/ofa-space-protocol.js";
import { ONE_PROXY_DEFAULTS } from "../../src/search/one-proxy.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("one-proxy search over the whole Once-for-All space", () => {
  it("fits a latency model per HELP GPU setting and reports its held-out SRCC", async () => {
    const models = await fitOfaTargetModels({ mirror: mirrorDir() });
    expect(models.map((m) => m.name)).toContain("v100_64");
    expect(models).toHaveLength(12);
    const v100 = models.find((m) => m.name === "v100_64");
    expect(v100?.heldOutSrcc).toBeGreaterThan(0.95);
    const p = v100?.predict(["r224-d44444-k77777777777777777777-e66666666666666666666", "r160-d22222-k33003300330033003300-e33003300330033003300"]);
    expect((p?.[0] as number) > (p?.[1] as number)).toBe(true);
  }, 60_000);

  it("keeps the measurement budget, adapts by the threshold rule, and is deterministic", async () => {
    const options = { mirror: mirrorDir(), seeds: 1, evaluations: 300, budget: 60, targets: ["v100_1", "v100_64"] };
    const rows = await runOfaSpaceSearch(options);
    expect(rows.map((r) => r.target)).toEqual(["v100_1", "v100_64"]);
    for (const r of rows) {
      expect(r.targetMeasurements).toBeLessThanOrEqual(60);
      expect(r.adaptedShare).toBe(r.srccMeasured < ONE_PROXY_DEFAULTS.threshold ? 1 : 0);
      expect(r.poolSize).toBeGreaterThan(200);
    }
    const again = await runOfaSpaceSearch(options);
    expect(again.map((r) => r.pipeline.regret)).toEqual(rows.map((r) => r.pipeline.regret));
  }, 120_000);
});
