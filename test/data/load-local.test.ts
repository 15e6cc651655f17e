import { describe, expect, it } from "vitest";
import { fetchDataset } from "../../src/data/fetch.js";
import { loadTable } from "../../src/data/load.js";
import { datasetInfo } from "../../src/data/registry.js";
import { loadNb201Index, loadReferenceArchitectures } from "../../src/data/load-help.js";
import { isNb201Canonical, nb201Format } from "../../src/spaces/nb201.js";
import { ofaFormat, ofaParse } from "../../src/spaces/ofa.js";
import { proxylessFormat, proxylessParse } from "../../src/spaces/proxyless.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("local-nb201 (embedded)", () => {
  it("loads from the package with no download: at least 500 architectures on at least 4 runtimes, HELP's 10 reference architectures included", async () => {
    expect(datasetInfo("local-nb201").files).toEqual([]);
    const fetched = await fetchDataset("local-nb201", { mirror: "/nonexistent" });
    expect(fetched.from).toBe("package");
    const t = await loadTable("local-nb201");
    expect(t.space).toBe("nb201");
    expect(t.rows).toBeGreaterThanOrEqual(500);
    expect(t.deviceNames.length).toBeGreaterThanOrEqual(4);
    for (let r = 0; r < t.rows; r++) expect(isNb201Canonical(t.archAt(r))).toBe(true);
    const index = await loadNb201Index({ mirror: mirrorDir() });
    const refs = await loadReferenceArchitectures("help-nb201", { mirror: mirrorDir() });
    expect(refs).toHaveLength(10);
    for (const i of refs) {
      const row = t.rowOfArch(nb201Format(index.archAt(i)));
      expect(row, `reference ${i}`).toBeDefined();
      expect(t.indexAt(row as number)).toBe(i); // rows carry the official NAS-Bench-201 index
    }
    for (const d of t.deviceNames) {
      const col = t.latency(d);
      expect(col.every((v) => Number.isNaN(v) || v > 0), d).toBe(true);
    }
  });
});

// the embedded tables of the MobileNet-style spaces: canonical, distinct, every latency positive
describe.each([
  { name: "local-ofa", space: "ofa-mbv3", what: "Once-for-All subnets", runtimes: 4, roundTrip: (a: string) => ofaFormat(ofaParse(a)) },
  { name: "local-proxyless", space: "proxyless", what: "ProxylessNAS networks", runtimes: 4, roundTrip: (a: string) => proxylessFormat(proxylessParse(a)) },
] as const)("$name (embedded)", ({ name, space, what, runtimes, roundTrip }) => {
  it(`loads from the package with no download: at least 300 valid ${what}, distinct, on at least ${runtimes} runtimes, every latency positive`, async () => {
    expect(datasetInfo(name).files).toEqual([]);
    const fetched = await fetchDataset(name, { mirror: "/nonexistent" });
    expect(fetched.from).toBe("package");
    const t = await loadTable(name);
    expect(t.space).toBe(space);
    expect(t.rows).toBeGreaterThanOrEqual(300);
    expect(new Set(t.archs()).size).toBe(t.rows);
    for (const a of t.archs()) expect(roundTrip(a)).toBe(a);
    expect(t.deviceNames.length).toBeGreaterThanOrEqual(runtimes);
    for (const d of t.deviceNames) expect(t.latency(d).every((v) => v > 0), d).toBe(true);
  });
});
