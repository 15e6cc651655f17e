import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { loadReferenceArchitectures } from "../../src/data/load-help.js";
import { loadTable } from "../../src/data/load.js";
import { deviceAwareCachePath, deviceAwareModel } from "../../src/scale/model-cache.js";
import { mirrorDir } from "../helpers/mirror.js";

let help: LatencyTable;
let refs: number[];
beforeAll(async () => {
  help = await loadTable("help-nb201", { mirror: mirrorDir() });
  refs = await loadReferenceArchitectures("help-nb201", { mirror: mirrorDir() });
});

describe("deviceAwareModel", () => {
  it("trains once per settings and reloads the cached model to identical predictions", async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "pnb-models-"));
    const settings = { pool: ["1080ti_1", "pixel3"], epochs: 2, hidden: [16], members: 1, seed: 3, references: refs, cacheDir };
    const said: string[] = [];
    const first = await deviceAwareModel(help, { ...settings, onProgress: (m) => said.push(m) });
    const second = await deviceAwareModel(help, { ...settings, onProgress: (m) => said.push(m) });
    expect(said[0]).toMatch(/trained in [\d.]+ s \(2 epochs\) and cached in .*device-aware-help-nb201-[0-9a-f]{16}\.json/);
    expect(said[1]).toMatch(/loaded from/);
    const pixel2 = help.latency("pixel2");
    const input = refs.map((r) => pixel2[r] as number);
    expect(Array.from(second.predict(input))).toEqual(Array.from(first.predict(input)));
    // another seed is another model, in another file
    expect(deviceAwareCachePath(help, { ...settings, seed: 4 })).not.toBe(deviceAwareCachePath(help, settings));
    expect(readdirSync(cacheDir)).toHaveLength(1);
  }, 60_000);
  it("a damaged cache file is a typed error naming it, not a silent retrain", async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "pnb-models-"));
    const settings = { pool: ["1080ti_1", "pixel3"], epochs: 1, hidden: [8], members: 1, references: refs, cacheDir };
    writeFileSync(deviceAwareCachePath(help, settings), '{"kind": "device-aware", ');
    await expect(deviceAwareModel(help, settings)).rejects.toThrowError(/device-aware-help-nb201-.*\.json: not a readable model file .*; delete it to retrain/);
  });
});
