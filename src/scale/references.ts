/**
 * The reference architectures that describe a device: HELP's 10 when the
 * table holds them all (NAS-Bench-201 tables, `help-ofa`), otherwise 10
 * chosen on the pool by the stratified selection (spread over the pool's
 * latency ranking), so that any table with a pool has a reference set; or,
 * asked for, 10 chosen on the pool by greedy column subset selection
 * ({@link greedyReferences}).
 */
import { selectSamples } from "../adapt/select.js";
import type { FetchOptions } from "../data/fetch.js";
import type { LatencyTable } from "../data/latency-table.js";
import { loadNb201Index, loadReferenceArchitectures } from "../data/load-help.js";
import { InvalidArgumentError } from "../errors.js";
import { nb201Format } from "../spaces/nb201.js";
import { greedyReferences } from "./greedy-references.js";

/** Where a table's reference rows come from. */
export type ReferenceSource = "help" | "stratified" | "greedy";

/** Which reference set to take: `auto` (HELP's when the table holds it, else stratified) or one source. */
export type ReferenceChoice = "auto" | ReferenceSource;

/** A table's reference rows and where they come from. */
export interface ReferenceRows {
  readonly rows: readonly number[];
  readonly source: ReferenceSource;
}

/** Reference architectures per device (HELP's count). */
export const REFERENCE_COUNT = 10;

/**
 * The table's reference rows: HELP's reference architectures when the table
 * holds every one of them, else `REFERENCE_COUNT` (10) rows of the
 * stratified selection over the pool's latencies (seeded). `choice` asks for
 * one source: `greedy` picks 10 rows on the pool by greedy column subset
 * selection (deterministic), `help` fails when the table lacks HELP's set.
 *
 * @throws {InvalidArgumentError} for an empty pool when HELP's set is not in the table, `help` asked of a table without it, or `greedy` on fewer than 2 pool devices
 * @example
 * ```ts
 * const { rows, source } = await referenceRows(help, { pool: ["pixel3"] }); // HELP's 10, source "help"
 * const own = await referenceRows(help, { pool: ["pixel3", "1080ti_1"], choice: "greedy" });
 * ```
 */
export async function referenceRows(table: LatencyTable, options: { pool: readonly string[]; seed?: number; choice?: ReferenceChoice } & FetchOptions): Promise<ReferenceRows> {
  const choice = options.choice ?? "auto";
  if (choice === "greedy") return { rows: [...greedyReferences(table, options.pool, Math.min(REFERENCE_COUNT, table.rows)).rows].sort((a, b) => a - b), source: "greedy" };
  if (choice !== "stratified") {
    const help = await helpReferences(table, options);
    if (help) return { rows: [...help], source: "help" };
    if (choice === "help") throw new InvalidArgumentError(`references: ${table.source} does not hold all of HELP's reference architectures; valid choices here: stratified, greedy`);
  }
  if (options.pool.length === 0) throw new InvalidArgumentError(`references: ${table.source} does not hold HELP's reference architectures; give a pool to choose them on`);
  const rows = selectSamples(options.pool.map((d) => table.latency(d)), Math.min(REFERENCE_COUNT, table.rows), { strategy: "stratified", seed: options.seed ?? 0 });
  return { rows: [...rows].sort((a, b) => a - b), source: "stratified" };
}

/** HELP's reference rows per table, looked up once (the protocols ask for every seed). */
const helpRows = new WeakMap<LatencyTable, Promise<number[] | undefined>>();

/** HELP's reference rows in this table, or undefined when the table lacks one of them (or its space has none). */
function helpReferences(table: LatencyTable, options: FetchOptions): Promise<number[] | undefined> {
  let rows = helpRows.get(table);
  if (!rows) {
    rows = lookUpHelpReferences(table, options);
    helpRows.set(table, rows);
  }
  return rows;
}

async function lookUpHelpReferences(table: LatencyTable, options: FetchOptions): Promise<number[] | undefined> {
  if (table.source === "help-ofa") return loadReferenceArchitectures("help-ofa", options);
  if (table.space !== "nb201") return undefined;
  const [indices, index] = await Promise.all([loadReferenceArchitectures("help-nb201", options), loadNb201Index(options)]);
  const rows = indices.map((i) => table.rowOfArch(nb201Format(index.archAt(i))));
  return rows.every((r) => r !== undefined) ? (rows as number[]) : undefined;
}
