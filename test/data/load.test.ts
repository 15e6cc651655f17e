/** Golden values from the public data, read through the mirror. */
import { beforeAll, describe, expect, it } from "vitest";
import { sameDevice, proxyPoolFor } from "../../src/data/devices.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { loadReferenceArchitectures } from "../../src/data/load-help.js";
import { loadLookupTables, loadOfaAccuracyPredictorWeights } from "../../src/data/load-lut.js";
import { loadTable } from "../../src/data/load.js";
import { nb201IsomorphismKey, nb201Parse } from "../../src/spaces/nb201.js";
import { ofaLayerKeys, ofaParse, ofaSample } from "../../src/spaces/ofa.js";
import { seededRng } from "../../src/random.js";
import { parseCsv } from "../../src/io/csv.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { tableToCsv } from "../../src/data/csv-table.js";
import { mirrorDir, mirrorFile } from "../helpers/mirror.js";

const INDEX0 = "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|";
let help: LatencyTable;
let oneproxy: LatencyTable;
let acc: LatencyTable;

beforeAll(async () => {
  const o = { mirror: mirrorDir() };
  [help, oneproxy, acc] = await Promise.all([loadTable("help-nb201", o), loadTable("oneproxy-nb201", o), loadTable("nb201-accuracy", o)]);
});

describe("help-nb201", () => {
  it("has 27 devices x 15,625 rows in index order, with the README's spot values", () => {
    expect(help.rows).toBe(15625);
    expect(help.deviceNames).toHaveLength(27);
    expect(help.archAt(0)).toBe(INDEX0);
    expect(help.indexAt(15624)).toBe(15624);
    expect(help.latency("pixel3")[0]).toBeCloseTo(3.60585, 5);
    expect(help.latency("eyeriss")[0]).toBeCloseTo(3.64562, 5);
    expect(help.latency("fpga")[0]).toBeCloseTo(2.57296, 5);
    expect(help.latency("raspi4")[0]).toBeCloseTo(10.482, 3);
    expect(help.devices.find((d) => d.name === "titan_rtx_256")?.batchSize).toBe(256);
    for (const d of help.deviceNames) expect(help.missingCount(d).missing).toBe(0);
  });
  it("whole-millisecond phones are whole numbers", () => {
    for (const d of ["pixel2", "samsung_a50", "samsung_s7", "essential_ph_1"]) expect(help.latency(d).every((v) => Number.isInteger(v))).toBe(true);
  });
  it("HELP's 10 reference architectures are valid indices", async () => {
    const refs = await loadReferenceArchitectures("help-nb201", { mirror: mirrorDir() });
    expect(refs).toHaveLength(10);
    expect(refs.every((i) => i >= 0 && i < 15625)).toBe(true);
  });
});

describe("oneproxy-nb201", () => {
  it("maps all 1,999 rows to distinct NAS-Bench-201 indices, in index order", () => {
    expect(oneproxy.rows).toBe(1999);
    expect(oneproxy.deviceNames).toHaveLength(18);
    const idx = Array.from(oneproxy.indices());
    expect(new Set(idx).size).toBe(1999);
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
    for (let r = 0; r < oneproxy.rows; r += 37) expect(oneproxy.archAt(r)).toBe(help.archAt(idx[r] as number));
  });
  it("the rice_ aliases hold exactly HELP's values (so the mapping is right)", () => {
    const idx = oneproxy.indices();
    for (const [a, b] of [["rice_pixel3", "pixel3"], ["rice_fpga", "fpga"], ["rice_eyeriss", "eyeriss"], ["rice_raspi4", "raspi4"]] as const) {
      const x = oneproxy.latency(a);
      const y = help.latency(b);
      for (let r = 0; r < oneproxy.rows; r++) expect(x[r]).toBe(y[idx[r] as number]);
      expect(sameDevice(a, b)).toBe(true);
    }
    expect(proxyPoolFor(["pixel3", "fpga", "true_vpu"], "rice_pixel3")).toEqual(["fpga", "true_vpu"]);
  });
  it("loads from its own registered files only (no other dataset is fetched)", async () => {
    const { datasetInfo } = await import("../../src/data/registry.js");
    const { copyFileSync, mkdirSync, mkdtempSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnb-oneproxy-"));
    for (const f of datasetInfo("oneproxy-nb201").files) {
      mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
      copyFileSync(path.join(mirrorDir(), f.path), path.join(dir, f.path));
    }
    const t = await loadTable("oneproxy-nb201", { mirror: dir });
    expect(Array.from(t.indices())).toEqual(Array.from(oneproxy.indices()));
  });
  it("counts EdgeTPU's 259 missing (-1) entries", () => {
    expect(oneproxy.missingCount("rice_edgetpu")).toEqual({ missing: 259, sentinels: 259 });
    expect(oneproxy.missingCount("true_vpu")).toEqual({ missing: 0, sentinels: 0 });
  });
});

describe("nb201-accuracy", () => {
  it("has CIFAR-10 85.863 % at index 0 and joins onto HELP by architecture", () => {
    expect(acc.accuracy("cifar10")[0]).toBeCloseTo(85.863, 3);
    const j = help.join(acc);
    expect(j.accuracy("cifar10")[0]).toBeCloseTo(85.863, 3);
    expect(j.missingCount("acc:cifar100").missing).toBe(0);
  });
  it("the published isomorphism rule reproduces NATS-Bench's UniqueString for every architecture", () => {
    const records = parseCsv(readFileSync(mirrorFile("nats-bench/nats_bench.csv"), "utf8"));
    const h = records[0] as string[];
    const a = h.indexOf("ArchitectureString");
    const u = h.indexOf("UniqueString");
    for (const r of records.slice(1)) expect(nb201IsomorphismKey(nb201Parse(r[a] as string), "nasbench201")).toBe(r[u]);
  });
  it("the OneProxy table joins onto the 15,625 index with NaN where unmeasured", () => {
    const j = help.selectDevices(["pixel3"]).join(oneproxy.selectDevices(["true_vpu"]));
    expect(j.rows).toBe(15625);
    expect(j.missingCount("true_vpu").missing).toBe(15625 - 1999);
  });
});

describe("help-ofa and the Once-for-All files", () => {
  it("reads 5,000 subnets x 12 GPU settings", async () => {
    const ofa = await loadTable("help-ofa", { mirror: mirrorDir() });
    expect(ofa.rows).toBe(5000);
    expect(ofa.deviceNames).toHaveLength(12);
    expect(() => ofaParse(ofa.archAt(0))).not.toThrow();
  });
  it("every layer key of random subnets exists in the Note10 table of their resolution", async () => {
    const luts = await loadLookupTables("ofa-note10-lut", { mirror: mirrorDir() });
    expect(luts.map((l) => l.resolution)).toEqual([160, 176, 192, 208, 224]);
    const rng = seededRng(7);
    for (const lut of luts) {
      for (let k = 0; k < 50; k++) {
        const a = { ...ofaSample(rng), r: lut.resolution };
        for (const key of ofaLayerKeys(a)) expect(lut.entries.has(key), key).toBe(true);
      }
    }
    await expect(loadLookupTables("ofa-note10-lut", { mirror: mirrorDir(), resolution: 168 })).rejects.toThrowError(/no table for resolution 168; resolutions: 160, 176, 192, 208, 224/);
  });
  it("reads the accuracy predictor's weights with the expected shapes", async () => {
    const w = await loadOfaAccuracyPredictorWeights({ mirror: mirrorDir() });
    expect(w["4.weight"]?.shape).toEqual([400, 400]);
  });
});

describe("a NAS-Bench-201 CSV's index column", () => {
  const write = (name: string, text: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), "pnb-index-"));
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  it("is the official index: an export of help-nb201 reads back, a wrong index is refused naming file, line and the official index", async () => {
    const some = help.selectRows([9, 1651, 15624]);
    const back = await loadTable(write("ok.csv", tableToCsv(some)), { space: "nb201", mirror: mirrorDir() });
    expect(Array.from(back.indices())).toEqual([9, 1651, 15624]);
    const wrong = write("wrong.csv", `index,arch,d\n9,${help.archAt(9)},1\n5,${help.archAt(1651)},2\n`);
    await expect(loadTable(wrong, { space: "nb201", mirror: mirrorDir() })).rejects.toThrowError(/wrong\.csv: line 3, column index: 5 is not the official NAS-Bench-201 index of .* \(1651\)/);
  });
  it("is not needed: without one the rows are numbered and the official index is not loaded (a mirror that does not exist is never read)", async () => {
    const f = write("plain.csv", `arch,d\n${help.archAt(1651)},2\n`);
    const t = await loadTable(f, { space: "nb201", mirror: path.join(tmpdir(), "no-such-mirror") });
    expect(Array.from(t.indices())).toEqual([0]);
  });
});
