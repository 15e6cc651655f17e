/** danfojs conversion of anything `show()` renders as a table. */
import { dataFrameFromColumns } from "../data/dataframe.js";
import { InvalidArgumentError } from "../errors.js";
import { isTableLike, isTableView, type TableLike, type TableView } from "../viz/table.js";

/**
 * Converts a table (a {@link TableView}, or anything with `toTableView()`) to a
 * danfojs DataFrame, for users who prefer danfojs.
 *
 * @returns a danfojs-node `DataFrame` (typed `unknown`; cast to `dfd.DataFrame`)
 * @example
 * ```ts
 * import * as dfd from "danfojs-node";
 * const df = toDataFrame(table([{ device: "pixel3", ms: 3.6 }])) as dfd.DataFrame;
 * df.describe().print();
 * ```
 */
export function toDataFrame(source: TableView | TableLike): unknown {
  const view = isTableView(source) ? source : isTableLike(source) ? source.toTableView({ maxRows: Number.POSITIVE_INFINITY }) : undefined;
  if (!view) throw new InvalidArgumentError("toDataFrame: expected a table() view or an object with toTableView()");
  const cols: Record<string, unknown[]> = {};
  view.columns.forEach((c, j) => {
    cols[c] = view.rows.map((r) => r[j] ?? null);
  });
  return dataFrameFromColumns(cols);
}
