/**
 * One entry point for tables: a registered dataset name, or a CSV file path.
 */
import { existsSync } from "node:fs";
import { InvalidArgumentError, NotFoundError } from "../errors.js";
import type { SpaceName } from "../spaces/space.js";
import { readTableCsv } from "./csv-table.js";
import type { FetchOptions } from "./fetch.js";
import type { LatencyTable } from "./latency-table.js";
import { loadHelpNb201, loadHelpOfa, loadNb201Index } from "./load-help.js";
import { LOCAL_DATASETS, loadLocal, type LocalDatasetName } from "./load-local.js";
import { loadNb201Accuracy } from "./load-nats.js";
import { loadOneProxy } from "./load-oneproxy.js";
import { DATASET_NAMES } from "./registry.js";

/** The table datasets by name. */
const TABLE_LOADERS: Readonly<Record<string, (o: FetchOptions) => Promise<LatencyTable>>> = {
  "help-nb201": loadHelpNb201,
  "help-ofa": loadHelpOfa,
  "oneproxy-nb201": loadOneProxy,
  "nb201-accuracy": loadNb201Accuracy,
  ...Object.fromEntries((Object.keys(LOCAL_DATASETS) as LocalDatasetName[]).map((name) => [name, () => loadLocal(name)])),
};

/** Options of {@link loadTable}. */
export interface LoadTableOptions extends FetchOptions {
  /** Search space of a CSV file (required for CSV; ignored for datasets). */
  readonly space?: SpaceName;
}

/**
 * Loads a table: a registered dataset (`help-nb201`, `help-ofa`,
 * `oneproxy-nb201`, `nb201-accuracy`, the embedded `local-nb201`, `local-ofa` and `local-proxyless`) or a wide CSV
 * file. A NAS-Bench-201 CSV's `index` column must hold the official indices
 * (checked against HELP's `str_arch2idx.pt`, fetched like the datasets).
 *
 * @throws {NotFoundError} for a name that is neither a table dataset nor an existing file
 * @throws {InvalidArgumentError} for a CSV without `space`
 * @example
 * ```ts
 * const help = await loadTable("help-nb201");
 * const mine = await loadTable("measurements.csv", { space: "nb201" });
 * ```
 */
export async function loadTable(source: string, options: LoadTableOptions = {}): Promise<LatencyTable> {
  const loader = TABLE_LOADERS[source];
  if (loader) return loader(options);
  if (source.endsWith(".csv") || existsSync(source)) {
    if (!existsSync(source)) throw new NotFoundError(`loadTable: file ${source} does not exist`);
    if (!options.space) throw new InvalidArgumentError(`loadTable: ${source} is a CSV file; say its search space (space: nb201 | ofa-mbv3 | fbnet; --space on the command line)`);
    // NAS-Bench-201 has an official index: an index column must be it
    return readTableCsv(source, options.space, { officialIndex: () => loadNb201Index(options) });
  }
  const others = DATASET_NAMES.filter((n) => !(n in TABLE_LOADERS));
  throw new NotFoundError(`loadTable: ${JSON.stringify(source)} is neither a table dataset (${Object.keys(TABLE_LOADERS).join(", ")}) nor an existing CSV file${others.length ? `; ${others.join(", ")} are not tables (see loadLookupTables, loadOfaAccuracyPredictorWeights)` : ""}`);
}

/** Names of the datasets {@link loadTable} accepts. */
export const TABLE_DATASETS: readonly string[] = Object.keys(TABLE_LOADERS);
