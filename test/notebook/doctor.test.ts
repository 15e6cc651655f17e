import { describe, expect, it } from "vitest";
import { doctor } from "../../src/notebook/doctor.js";

describe("doctor", () => {
  it("reports the backend it initialised and one status per tool, each ok or saying what is missing", async () => {
    const d = await doctor("wasm");
    expect(d.backend.backend).toBe("wasm");
    for (const [tool, status] of Object.entries(d.tools)) expect(status, tool).toMatch(/^(ok|missing: |error: )/);
  }, 60_000);
});
