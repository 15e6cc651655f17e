/**
 * A lookup table's latency of every row of a table, as a new device column:
 * the phone a table was measured on (Once-for-All's Note10, ProxylessNAS's
 * mobile phone) beside the devices measured directly, so that its rankings
 * compare with theirs and it can serve as the one proxy.
 */
import { LatencyTable } from "../data/latency-table.js";
import type { LookupTable } from "../data/load-lut.js";
import { InvalidArgumentError } from "../errors.js";
import { ofaParse } from "../spaces/ofa.js";
import { LookupTablePredictor } from "./lut-predictor.js";

/** The search space each lookup-table dataset prices. */
const TABLE_SPACE: Readonly<Record<string, string>> = { "ofa-note10-lut": "ofa-mbv3", "proxylessnas-mobile-lut": "proxyless" };

/**
 * The table with one more device column, `name`: each row's lookup-table sum
 * (ms). A Once-for-All row at a resolution the tables lack is missing (NaN),
 * never estimated; the number of such rows is the new column's missing count.
 * The input table is not changed.
 *
 * @throws {InvalidArgumentError} for tables of another space than the table's, or a name the table already has
 * @example
 * ```ts
 * const local = await loadTable("local-proxyless");
 * const t = withLookupTableColumn(local, await loadLookupTables("proxylessnas-mobile-lut"), "mobile_lut");
 * monotonicityMatrix(t);
 * ```
 */
export function withLookupTableColumn(table: LatencyTable, tables: readonly LookupTable[], name: string): LatencyTable {
  const lut = LookupTablePredictor.create(tables);
  const dataset = (tables[0] as LookupTable).dataset;
  if (TABLE_SPACE[dataset] !== table.space) throw new InvalidArgumentError(`withLookupTableColumn: ${dataset} prices ${TABLE_SPACE[dataset] ?? "no known space"} networks; ${table.source} is a ${table.space} table`);
  if (table.hasDevice(name)) throw new InvalidArgumentError(`withLookupTableColumn: ${table.source} already has a device ${JSON.stringify(name)}; choose another name`);
  const archs = table.archs();
  const covered = (a: string) => table.space !== "ofa-mbv3" || lut.resolutions.includes(ofaParse(a).r);
  const values = archs.map((a) => (covered(a) ? (lut.predict([a])[0] as number) : Number.NaN));
  const column = LatencyTable.create({ space: table.space, archs, indices: table.indices(), devices: [{ info: { name, source: `${dataset} (lookup-table sum)` }, values }], source: dataset });
  return table.join(column);
}
