/** danfojs conversion of anything `show()` renders as a table. */
import { dataFrameFromColumns } from "../data/dataframe.js";
import { InvalidArgumentError } from "../errors.js";
import { LatencyTable } from "../data/latency-table.js";
import { isTableLike, isTableView, tableView, type TableLike, type TableView } from "../viz/table.js";

/**
 * Converts a table (a {@link TableView}, a {@link LatencyTable} (every row), or anything with `toTableView()`) to a
 * danfojs DataFrame, for users who prefer danfojs.
 *
 * @returns a danfojs-node `DataFrame` (typed `unknown`; cast to `dfd.DataFrame`)
 * @example
 * ```ts
 * import * as dfd from "danfojs-node";
 * const df = toDataFrame(tableView([{ device: "pixel3", ms: 3.6 }])) as dfd.DataFrame;
 * df.describe().print();
 * ```
 */
export function toDataFrame(source: TableView | TableLike | LatencyTable): unknown {
  const view = isTableView(source) ? source : source instanceof LatencyTable ? tableView(source, { maxRows: Number.POSITIVE_INFINITY }) : isTableLike(source) ? source.toTableView({ maxRows: Number.POSITIVE_INFINITY }) : undefined;
  if (!view) throw new InvalidArgumentError("toDataFrame: expected a tableView() view, a LatencyTable or an object with toTableView()");
  const cols: Record<string, unknown[]> = {};
  view.columns.forEach((c, j) => {
    cols[c] = view.rows.map((r) => r[j] ?? null);
  });
  return dataFrameFromColumns(cols);
}
