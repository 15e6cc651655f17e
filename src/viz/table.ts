/**
 * Tables for display: a {@link TableView} (column names and rows of cells),
 * built from records or from anything with a `toTableView()` method, rendered
 * as HTML or aligned text.
 */
import { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError } from "../errors.js";
import { csvField } from "../io/csv.js";
import { escapeHtml } from "./html.js";

/** One table cell. `null`/`undefined` render as empty; NaN renders as `NaN`. */
export type Cell = string | number | boolean | null | undefined;

/** A table to display. */
export interface TableView {
  readonly kind: "table";
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly caption?: string;
}

/** Anything that can show itself as a table (e.g. a latency table). */
export interface TableLike {
  toTableView(options?: { maxRows?: number }): TableView;
}

/**
 * Builds a table view from records (columns = union of keys, in first-seen order),
 * from explicit columns and rows, or from a {@link LatencyTable} (`index`, `arch`,
 * devices, `acc:` columns; at most `maxRows` rows, default 20).
 *
 * @throws {InvalidArgumentError} when a row's length differs from the column count, or a cell is not a scalar
 * @example
 * ```ts
 * tableView([{ device: "pixel3", ms: 3.6 }, { device: "fpga", ms: 2.57 }], { caption: "Latency" });
 * tableView({ columns: ["a", "b"], rows: [[1, 2]] });
 * tableView(await loadTable("help-nb201"), { maxRows: 5 });
 * ```
 */
export function tableView(
  source: readonly Readonly<Record<string, Cell>>[] | { readonly columns: readonly string[]; readonly rows: readonly (readonly Cell[])[] } | LatencyTable,
  options: { caption?: string; maxRows?: number } = {},
): TableView {
  if (source instanceof LatencyTable) return latencyTableView(source, options);
  let columns: string[];
  let rows: Cell[][];
  if (Array.isArray(source)) {
    const records = source as readonly Readonly<Record<string, Cell>>[];
    const seen = new Set<string>();
    columns = [];
    for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), columns.push(k));
    rows = records.map((r) => columns.map((c) => r[c]));
  } else {
    const s = source as { readonly columns: readonly string[]; readonly rows: readonly (readonly Cell[])[] };
    columns = [...s.columns];
    rows = s.rows.map((r, i) => {
      if (r.length !== columns.length) throw new InvalidArgumentError(`table: row ${i} has ${r.length} cells, expected ${columns.length} (one per column)`);
      return [...r];
    });
  }
  rows.forEach((r, i) =>
    r.forEach((c, j) => {
      if (c !== null && c !== undefined && !["string", "number", "boolean"].includes(typeof c)) {
        throw new InvalidArgumentError(`table: cell (row ${i}, column "${columns[j]}") is a ${typeof c}; cells must be strings, numbers, booleans or empty`);
      }
    }),
  );
  return { kind: "table", columns, rows, ...(options.caption === undefined ? {} : { caption: options.caption }) };
}

/** A latency table's first rows for display, with a caption saying what is left out. */
function latencyTableView(t: LatencyTable, options: { caption?: string; maxRows?: number }): TableView {
  const n = Math.min(t.rows, options.maxRows ?? 20);
  const columns = ["index", "arch", ...t.deviceNames, ...t.accuracyNames.map((a) => `acc:${a}`)];
  const cols = [...t.deviceNames.map((d) => t.latencyView(d)), ...t.accuracyNames.map((a) => t.accuracy(a))];
  const index = t.indices();
  const archs = t.archs();
  const rows: Cell[][] = [];
  for (let r = 0; r < n; r++) rows.push([index[r] as number, archs[r] as string, ...cols.map((c) => c[r] as number)]);
  const caption = options.caption ?? `${t.source}: ${t.rows} architectures (${t.space}) x ${t.deviceNames.length} devices${t.accuracyNames.length ? `, ${t.accuracyNames.length} accuracies` : ""}${n < t.rows ? `; first ${n} rows` : ""}`;
  return { kind: "table", columns, rows, caption };
}

/** Whether a value is a {@link TableView}. */
export function isTableView(value: unknown): value is TableView {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "table" && Array.isArray((value as { rows?: unknown }).rows);
}

/** Whether a value has a `toTableView()` method. */
export function isTableLike(value: unknown): value is TableLike {
  return typeof value === "object" && value !== null && typeof (value as { toTableView?: unknown }).toTableView === "function";
}

/**
 * A cell as text: integers as they are, other numbers with 4 significant
 * digits in plain decimals (trailing zeros trimmed; from 1,000 up, rounded to
 * an integer), NaN as `NaN`.
 *
 * @example
 * ```ts
 * formatCell(0.690512); // "0.6905"
 * formatCell(6.438e-4); // "0.0006438"
 * formatCell(31.7602); // "31.76"
 * ```
 */
export function formatCell(c: Cell): string {
  if (c === null || c === undefined) return "";
  if (typeof c === "number") {
    if (Number.isNaN(c)) return "NaN";
    if (!Number.isFinite(c) || Number.isInteger(c)) return String(c);
    if (Math.abs(c) >= 1000) return String(Math.round(c));
    const text = Number(c.toPrecision(4)).toString();
    // below 1e-6 toString switches to exponent form: keep the 4 significant digits in plain decimals
    return /e/.test(text) ? c.toFixed(Math.min(20, 3 - Math.floor(Math.log10(Math.abs(c))))).replace(/0+$/, "") : text;
  }
  return String(c);
}

/**
 * The table as an HTML `<table>` (numbers right-aligned).
 *
 * @example
 * ```ts
 * tableHtml(tableView([{ a: 1 }])); // "<table class=\"proxynas-table\">..."
 * ```
 */
export function tableHtml(view: TableView): string {
  const head = view.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = view.rows
    .map((r) => `<tr>${r.map((c) => `<td${typeof c === "number" ? ' style="text-align:right"' : ""}>${escapeHtml(formatCell(c))}</td>`).join("")}</tr>`)
    .join("");
  const caption = view.caption === undefined ? "" : `<caption>${escapeHtml(view.caption)}</caption>`;
  return `<table class="proxynas-table">${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * The table as aligned plain text, for terminals and `text/plain`.
 *
 * @example
 * ```ts
 * tableText(tableView([{ a: 1, b: "x" }])); // "a  b\n-  -\n1  x"
 * ```
 */
export function tableText(view: TableView): string {
  const cells = [view.columns.map(String), ...view.rows.map((r) => r.map(formatCell))];
  const widths = view.columns.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? "").length)));
  const line = (r: readonly string[]) => r.map((c, j) => c.padEnd(widths[j] ?? 0)).join("  ").trimEnd();
  const out = [line(cells[0] ?? []), line(widths.map((w) => "-".repeat(w))), ...cells.slice(1).map(line)];
  return (view.caption === undefined ? "" : `${view.caption}\n`) + out.join("\n");
}

/**
 * A table as a GitHub-flavoured Markdown table (the caption as a paragraph
 * above it; `|` in cells escaped).
 *
 * @example
 * ```ts
 * tableMarkdown(tableView([{ device: "pixel3", ms: 3.61 }])); // "| device | ms |\n| --- | --- |\n| pixel3 | 3.61 |"
 * ```
 */
export function tableMarkdown(view: TableView): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const row = (cells: readonly string[]) => `| ${cells.map(esc).join(" | ")} |`;
  const out = [row(view.columns), row(view.columns.map(() => "---")), ...view.rows.map((r) => row(r.map(formatCell)))];
  return (view.caption === undefined ? "" : `${view.caption}\n\n`) + out.join("\n");
}

/**
 * A table as CSV (RFC 4180 quoting; a header line; empty cells for missing
 * values and NaN), ending with a newline.
 *
 * @example
 * ```ts
 * tableCsv(tableView([{ device: "pixel3", ms: 3.61 }])); // "device,ms\npixel3,3.61\n"
 * ```
 */
export function tableCsv(view: TableView): string {
  const field = (c: Cell) => (c === null || c === undefined || (typeof c === "number" && Number.isNaN(c)) ? "" : csvField(String(c)));
  return `${[view.columns.map(field).join(","), ...view.rows.map((r) => r.map(field).join(","))].join("\n")}\n`;
}
