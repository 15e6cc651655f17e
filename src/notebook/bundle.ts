/**
 * Jupyter display bundles (MIME type -> content) for what `show()` displays.
 * Pure: the caller says whether plotly.js still has to be injected.
 */
import { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError } from "../errors.js";
import { formatRuntimeReport, type RuntimeReport } from "../runtime/report.js";
import { describeFigure, isFigure, type Figure } from "../viz/figure.js";
import { escapeHtml, figureHtml, PLOTLY_CONFIG, typedArraysAsLists } from "../viz/html.js";
import { isTableLike, isTableView, tableView, tableHtml, tableText, type TableView } from "../viz/table.js";
import { formatHeadline, HEADLINE_MIME, isHeadline } from "./headline.js";

/** The MIME type plotly's Jupyter renderers read. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** A Jupyter `display_data` content: data by MIME type, and metadata. */
export interface DisplayBundle {
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Everything `show()` accepts. */
export type Showable = Figure | TableView | LatencyTable | { toTableView(): TableView } | RuntimeReport | import("./headline.js").Headline | string;

/** Whether a value looks like a {@link RuntimeReport}. */
export function isRuntimeReport(value: unknown): value is RuntimeReport {
  return typeof value === "object" && value !== null && "backend" in value && "proxynas" in value && "packages" in value;
}

/**
 * The display bundle of a value.
 *
 * @param state.includeLibrary - inject plotly.js before the figure (the first figure of a notebook)
 * @param state.id - a DOM id unique in the notebook, for figures
 * @throws {InvalidArgumentError} for a value `show()` cannot display, naming its type
 * @example
 * ```ts
 * const b = displayBundle(figure([{ type: "bar", y: [1] }]), { includeLibrary: true, id: "f1" });
 * Object.keys(b.data); // ["application/vnd.plotly.v1+json", "text/html", "text/plain"]
 * ```
 */
export function displayBundle(value: unknown, state: { includeLibrary: boolean; id: string }): DisplayBundle {
  if (isFigure(value)) {
    return {
      data: {
        [PLOTLY_MIME]: JSON.parse(JSON.stringify({ data: value.data, layout: value.layout, config: PLOTLY_CONFIG }, typedArraysAsLists)),
        "text/html": figureHtml(value, state.id, { includeLibrary: state.includeLibrary }),
        "text/plain": describeFigure(value),
      },
      metadata: value.name === undefined ? {} : { proxynas: { name: value.name } },
    };
  }
  const view = isTableView(value) ? value : value instanceof LatencyTable ? tableView(value) : isTableLike(value) ? value.toTableView() : undefined;
  if (view) return { data: { "text/html": tableHtml(view), "text/plain": tableText(view) }, metadata: {} };
  if (isHeadline(value)) {
    const line = formatHeadline(value);
    return { data: { [HEADLINE_MIME]: { ...value }, "text/markdown": `**${value.name}**: ${line.slice(value.name.length + 2)}`, "text/plain": line }, metadata: {} };
  }
  if (isRuntimeReport(value)) {
    const text = formatRuntimeReport(value);
    return { data: { "text/html": `<pre class="proxynas-runtime">${escapeHtml(text)}</pre>`, "text/plain": text }, metadata: {} };
  }
  if (typeof value === "string") return { data: { "text/plain": value }, metadata: {} };
  throw new InvalidArgumentError(`show: cannot display a ${value === null ? "null" : Array.isArray(value) ? "plain array (wrap records with tableView())" : typeof value}; show() takes a figure(), a tableView(), a LatencyTable, a headline(), a runtime report, an object with toTableView(), or a string`);
}
