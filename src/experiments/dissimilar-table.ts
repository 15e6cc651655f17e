/**
 * The dissimilar-pool protocol's runs as a table, one row per split: its
 * pool and targets, each method's mean SRCC over the targets and seeds at
 * one K, and NASFLAT's and HELP's published numbers where the split is
 * NASFLAT's.
 */
import { r3 } from "./bars.js";
import { NASFLAT_NB201_K20 } from "./published.js";
import { DISSIMILAR_METHODS, DISSIMILAR_SPLITS, type DissimilarRun } from "./scale-protocol.js";
import { tableView, type TableView } from "../viz/table.js";

/**
 * @param options.k - the sample count shown (default 20; the published numbers are at 20)
 * @param options.label - a device's display name (default the column name)
 * @example
 * ```ts
 * show(dissimilarTable(await runDissimilarProtocol({ seeds: 1, ks: [20] }), { label: displayName }));
 * ```
 */
export function dissimilarTable(runs: readonly DissimilarRun[], options: { k?: number; label?: (d: string) => string } = {}): TableView {
  const k = options.k ?? 20;
  const label = options.label ?? ((d: string) => d);
  const atK = runs.filter((r) => r.k === k);
  const methods = DISSIMILAR_METHODS.filter((m) => atK.some((r) => r.method === m));
  const splits = DISSIMILAR_SPLITS.filter((sp) => atK.some((r) => r.split === sp.name));
  return tableView(
    splits.map((sp) => {
      const row: Record<string, string | number> = { split: sp.name, pool: sp.pool.map(label).join(", "), targets: sp.targets.map(label).join(", ") };
      for (const m of methods) {
        const xs = atK.filter((r) => r.split === sp.name && r.method === m);
        row[m] = xs.length ? r3(xs.reduce((a, r) => a + r.srcc, 0) / xs.length) : "";
      }
      const pub = k === 20 ? NASFLAT_NB201_K20[sp.name] : undefined;
      row["NASFLAT (published)"] = pub?.nasflat ?? "";
      row["HELP (published)"] = pub?.help ?? "";
      return row;
    }),
    { caption: `mean SRCC over each split's targets at K = ${k}` },
  );
}
