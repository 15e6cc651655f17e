import { describe, expect, it } from "vitest";
import { NotFoundError } from "../../src/errors.js";
import { datasetInfo, listDatasets, sourceUrl } from "../../src/data/registry.js";

describe("the dataset registry", () => {
  it("lists each dataset once, every file with a SHA-256 and a size, downloaded ones with a public source", () => {
    const names = listDatasets().map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["help-nb201", "help-ofa", "oneproxy-nb201", "nb201-accuracy", "local-nb201", "local-ofa", "local-proxyless"]));
    for (const d of listDatasets()) {
      for (const f of d.files) {
        expect(f.sha256, `${d.name}: ${f.path}`).toMatch(/^[0-9a-f]{64}$/);
        expect(f.bytes).toBeGreaterThan(0);
        if (!d.embedded) expect(f.url, `${d.name}: ${f.path}`).toMatch(/^https:\/\//);
      }
    }
  });
  it("names the registered datasets when asked for an unknown one", () => {
    expect(datasetInfo("help-nb201").name).toBe("help-nb201");
    expect(() => datasetInfo("nas-bench-301")).toThrowError(NotFoundError);
    expect(() => datasetInfo("nas-bench-301")).toThrowError(/help-nb201/);
  });
  it("maps a mirror path to its public source", () => {
    expect(sourceUrl(datasetInfo("help-nb201").files[0]?.path as string)).toBe(datasetInfo("help-nb201").files[0]?.url);
  });
});
