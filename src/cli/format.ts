import { oneOf } from "../errors.js";
/**
 * Output conventions of every CLI command: data on stdout, messages on stderr,
 * tabular data as CSV or JSON.
 */
import { tableCsv, type TableView } from "../viz/table.js";

/** Output formats of tabular commands. */
export type OutputFormat = "csv" | "json";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["csv", "json"];

/** Parses a `--format` value. */
export function parseFormat(value: unknown): OutputFormat {
  return oneOf("--format", value, OUTPUT_FORMATS);
}

/**
 * A table as CSV (header line first) or JSON (an array of records, NaN as null).
 *
 * @example
 * ```ts
 * renderTable({ kind: "table", columns: ["a"], rows: [[1]] }, "csv"); // "a\n1\n"
 * ```
 */
export function renderTable(view: TableView, format: OutputFormat): string {
  if (format === "csv") return tableCsv(view);
  const records = view.rows.map((r) => Object.fromEntries(view.columns.map((c, j) => [c, r[j] === undefined || (typeof r[j] === "number" && Number.isNaN(r[j])) ? null : r[j]])));
  return `${JSON.stringify(records, null, 2)}\n`;
}
