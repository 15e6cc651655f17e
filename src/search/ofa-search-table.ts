/**
 * The Once-for-All search table: HELP's 5,000 measured MobileNetV3 subnets
 * with their latencies on 12 GPU settings (the targets), joined with two
 * columns computed for the same subnets: `note10_lut`, the Note10 lookup
 * table's latency (the proxy), and `ofa_top1`, the ImageNet top-1 accuracy
 * from OFA's published predictor. Subnets at a resolution the lookup table
 * does not cover are left out and counted, never guessed.
 */
import type { FetchOptions } from "../data/fetch.js";
import { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError } from "../errors.js";
import { loadTable } from "../data/load.js";
import { loadLookupTables, loadOfaAccuracyPredictorWeights } from "../data/load-lut.js";
import { LookupTablePredictor } from "../predict/lut-predictor.js";
import { OfaAccuracyPredictor } from "../predict/ofa-accuracy-predictor.js";
import { ofaParse } from "../spaces/ofa.js";

/**
 * The proxy column of {@link loadOfaSearchTable}.
 *
 * @example
 * ```ts
 * const { table } = await loadOfaSearchTable();
 * table.latency(OFA_PROXY_COLUMN);
 * ```
 */
export const OFA_PROXY_COLUMN = "note10_lut";
/**
 * The accuracy column of {@link loadOfaSearchTable}.
 *
 * @example
 * ```ts
 * const { table } = await loadOfaSearchTable();
 * table.accuracy(OFA_ACCURACY_COLUMN);
 * ```
 */
export const OFA_ACCURACY_COLUMN = "ofa_top1";

/** The table and what was left out of HELP's rows. */
export interface OfaSearchTable {
  readonly table: LatencyTable;
  /** HELP rows whose resolution the lookup table lacks (left out). */
  readonly leftOut: number;
  /** The resolutions kept (those of the lookup table). */
  readonly resolutions: readonly number[];
}

/**
 * Loads HELP's OFA latencies and adds the Note10 lookup-table latency and the
 * predicted accuracy of every subnet.
 *
 * @example
 * ```ts
 * const { table, leftOut } = await loadOfaSearchTable();
 * runSearchProtocol({ table, proxy: OFA_PROXY_COLUMN, accuracies: [OFA_ACCURACY_COLUMN] });
 * ```
 */
export async function loadOfaSearchTable(options: FetchOptions = {}): Promise<OfaSearchTable> {
  const help = await loadTable("help-ofa", options);
  const lut = LookupTablePredictor.create(await loadLookupTables("ofa-note10-lut", options));
  const resolutions = lut.resolutions;
  const keep: number[] = [];
  help.archs().forEach((a, r) => {
    if (resolutions.includes(ofaParse(a).r)) keep.push(r);
  });
  const sub = help.selectRows(keep);
  const archs = sub.archs();
  const computed = LatencyTable.create({
    space: "ofa-mbv3",
    archs,
    indices: sub.indices(),
    devices: [{ info: { name: OFA_PROXY_COLUMN, source: "ofa-note10-lut (Once-for-All's Samsung Note10 lookup table)" }, values: lut.predict(archs) }],
    source: "ofa-note10-lut",
  });
  return { table: await withOfaAccuracy(sub.join(computed), options), leftOut: help.rows - keep.length, resolutions };
}

/**
 * A Once-for-All table with OFA's predicted ImageNet top-1 of every subnet
 * added as the accuracy column {@link OFA_ACCURACY_COLUMN} (a new table; the
 * input is not changed). Any resolution: the predictor covers 128..224.
 *
 * @throws {InvalidArgumentError} for a table of another search space
 * @example
 * ```ts
 * const t = await withOfaAccuracy(await loadTable("local-ofa"));
 * runSearchProtocol({ table: t, proxy: "node-wasm", accuracies: [OFA_ACCURACY_COLUMN] });
 * ```
 */
export async function withOfaAccuracy(table: LatencyTable, options: FetchOptions = {}): Promise<LatencyTable> {
  if (table.space !== "ofa-mbv3") throw new InvalidArgumentError(`withOfaAccuracy: ${table.source} is a ${table.space} table; OFA's accuracy predictor scores ofa-mbv3 subnets`);
  const accuracy = OfaAccuracyPredictor.create(await loadOfaAccuracyPredictorWeights(options));
  const archs = table.archs();
  const computed = LatencyTable.create({
    space: "ofa-mbv3",
    archs,
    indices: table.indices(),
    devices: [],
    accuracies: { [OFA_ACCURACY_COLUMN]: accuracy.predict(archs) },
    source: "ofa-accuracy-predictor",
  });
  return table.join(computed);
}
