/**
 * The search protocol's rows as a table, one row per target: the SRCC on
 * the K samples, the share of seeds that adapted, and regret, recall and
 * hypervolume ratio of the proxy's front and of the pipeline's set.
 */
import { tableView, type TableView } from "../viz/table.js";
import type { SearchProtocolRow } from "./search-protocol.js";

/**
 * @example
 * ```ts
 * show(searchProtocolTable(await runSearchProtocol({ seeds: 10, accuracies: ["cifar10"] }), displayName));
 * ```
 */
export function searchProtocolTable(rows: readonly SearchProtocolRow[], label: (d: string) => string = (d) => d, options: { caption?: string } = {}): TableView {
  return tableView(
    rows.map((r) => ({
      target: label(r.target),
      "SRCC on K": r.srccMeasured,
      "adapted (share of seeds)": r.adaptedShare,
      "regret proxy front": r.proxyFront.regret,
      "regret pipeline": r.adapted.regret,
      "recall proxy front": r.proxyFront.recall,
      "recall pipeline": r.adapted.recall,
      "HV ratio proxy front": r.proxyFront.hvRatio,
      "HV ratio pipeline": r.adapted.hvRatio,
      "target measurements": r.targetMeasurements,
    })),
    options.caption === undefined ? {} : { caption: options.caption },
  );
}
