/**
 * Lookup-table and weight datasets: Once-for-All's Note10 latency tables (per
 * resolution), ProxylessNAS's mobile table, and the Once-for-All accuracy
 * predictor's weights.
 */
import path from "node:path";
import { InvalidArgumentError, InvalidDataError } from "../errors.js";
import { parseLookupTable, type LutEntry } from "../io/lookup-table.js";
import { parseTorch, isTensor, type Tensor } from "../io/torch.js";
import { fetchDataset, readVerified, type FetchOptions } from "./fetch.js";

/** A lookup table for one input resolution. */
export interface LookupTable {
  readonly dataset: string;
  readonly resolution: number;
  readonly entries: ReadonlyMap<string, LutEntry>;
}

/**
 * Loads the lookup tables of a dataset, one per resolution.
 *
 * @param name - `ofa-note10-lut` (160, 176, 192, 208, 224) or `proxylessnas-mobile-lut` (224)
 * @throws {InvalidArgumentError} when `resolution` is given and the dataset has no table for it, listing those it has
 * @example
 * ```ts
 * const [lut] = await loadLookupTables("ofa-note10-lut", { resolution: 224, mirror: "../shared/datasets" });
 * ```
 */
export async function loadLookupTables(name: "ofa-note10-lut" | "proxylessnas-mobile-lut", options: FetchOptions & { resolution?: number } = {}): Promise<LookupTable[]> {
  const ds = await fetchDataset(name, { ...options, verify: false });
  const withRes = ds.files.map((f) => {
    const m = /(\d+)_lookup_table\.yaml$/.exec(f.path);
    return { f, resolution: m ? Number(m[1]) : 224 };
  });
  const available = withRes.map((x) => x.resolution).sort((a, b) => a - b);
  const wanted = options.resolution === undefined ? withRes : withRes.filter((x) => x.resolution === options.resolution);
  if (wanted.length === 0) throw new InvalidArgumentError(`loadLookupTables: ${name} has no table for resolution ${options.resolution}; resolutions: ${available.join(", ")}`);
  return Promise.all(
    wanted
      .sort((a, b) => a.resolution - b.resolution)
      .map(async ({ f, resolution }) => ({ dataset: name, resolution, entries: parseLookupTable((await readVerified(ds.root, f)).toString("utf8"), path.join(ds.root, f.path)) })),
  );
}

/** Layer names and shapes of the Once-for-All accuracy predictor (Linear 128-400-400-400-1). */
export const OFA_PREDICTOR_SHAPES: Readonly<Record<string, readonly number[]>> = {
  "0.weight": [400, 128],
  "0.bias": [400],
  "2.weight": [400, 400],
  "2.bias": [400],
  "4.weight": [400, 400],
  "4.bias": [400],
  "6.weight": [1, 400],
  "6.bias": [1],
};

/**
 * The Once-for-All accuracy predictor's weights, checked against the expected layer shapes.
 *
 * @throws {InvalidDataError} naming the tensor when a shape differs or one is missing
 *
 * @example
 * ```ts
 * const weights = await loadOfaAccuracyPredictorWeights();
 * const predictor = new OfaAccuracyPredictor(weights);
 * ```
 */
export async function loadOfaAccuracyPredictorWeights(options: FetchOptions = {}): Promise<Readonly<Record<string, Tensor>>> {
  const ds = await fetchDataset("ofa-accuracy-predictor", { ...options, verify: false });
  const f = ds.files[0];
  if (!f) throw new InvalidDataError("dataset ofa-accuracy-predictor: registry lists no file");
  const file = path.join(ds.root, f.path);
  const state = parseTorch(await readVerified(ds.root, f), file) as Record<string, unknown>;
  for (const [k, shape] of Object.entries(OFA_PREDICTOR_SHAPES)) {
    const t = state[k];
    if (!isTensor(t)) throw new InvalidDataError(`${file}: tensor ${k} is missing`);
    if (t.shape.join("x") !== shape.join("x")) throw new InvalidDataError(`${file}: tensor ${k} has shape [${t.shape}], expected [${shape}]`);
  }
  return state as Record<string, Tensor>;
}
