import { describe, expect, it } from "vitest";
import { doctor } from "../../src/notebook/doctor.js";

describe("doctor", () => {
  it("reports the backend it initialised and one status per tool, each ok or saying what is missing", async () => {
    const d = await doctor("wasm");
    expect(d.backend.backend).toBe("wasm");
    for (const [tool, status] of Object.entries(d.tools)) expect(status, tool).toMatch(/^(ok|missing: |error: )/);
    // npm test installs Jupyter and Chromium first, so here they must be found (a check that always said "missing" would fail)
    expect(d.tools.jupyter).toMatch(/^ok/);
    expect(d.tools.chromium).toMatch(/^ok \(\/.*\)$/);
  }, 60_000);
});
