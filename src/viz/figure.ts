/**
 * Plotly figures as plain data. A {@link Figure} is what `show()` displays in a
 * notebook and what `exportFigures()` writes as SVG, PNG and PDF.
 */
import { InvalidArgumentError } from "../errors.js";

/** One plotly trace (`{ type: "bar", x, y, ... }`), as plotly.js documents it. */
export type Trace = Readonly<Record<string, unknown>>;
/** A plotly layout (`{ title, xaxis, ... }`). */
export type Layout = Readonly<Record<string, unknown>>;

/** A plotly figure, tagged so that `show()` can tell it from a table. */
export interface Figure {
  readonly kind: "figure";
  readonly data: readonly Trace[];
  readonly layout: Layout;
  /** A file-name-safe name, used for exported files (`out/figures/<notebook>--<name>.svg`). */
  readonly name?: string;
}

const NAME = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Builds a figure from plotly traces and a layout.
 *
 * @param data - plotly traces; each must be an object
 * @param layout - plotly layout (default: empty)
 * @param options.name - lower-case file-name-safe name (`[a-z0-9._-]`)
 * @throws {InvalidArgumentError} when a trace is not an object or the name is not file-name-safe
 * @example
 * ```ts
 * const fig = figure([{ type: "bar", x: ["a", "b"], y: [1, 2] }], { title: { text: "Two bars" } }, { name: "two-bars" });
 * ```
 */
export function figure(data: readonly Trace[], layout: Layout = {}, options: { name?: string } = {}): Figure {
  if (!Array.isArray(data)) throw new InvalidArgumentError(`figure: data must be an array of plotly traces, got ${typeof data}`);
  data.forEach((t, i) => {
    if (t === null || typeof t !== "object" || Array.isArray(t)) {
      throw new InvalidArgumentError(`figure: data[${i}] must be a plotly trace object, got ${JSON.stringify(t)}`);
    }
  });
  if (layout === null || typeof layout !== "object" || Array.isArray(layout)) {
    throw new InvalidArgumentError(`figure: layout must be an object, got ${JSON.stringify(layout)}`);
  }
  if (options.name !== undefined && !NAME.test(options.name)) {
    throw new InvalidArgumentError(`figure: name ${JSON.stringify(options.name)} is not file-name-safe; use lower-case letters, digits, ".", "_" and "-"`);
  }
  return { kind: "figure", data: [...data], layout: { ...layout }, ...(options.name === undefined ? {} : { name: options.name }) };
}

/**
 * Whether a value is a {@link Figure}.
 *
 * @example
 * ```ts
 * isFigure(figure([])); // true
 * ```
 */
export function isFigure(value: unknown): value is Figure {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "figure" && Array.isArray((value as { data?: unknown }).data);
}

/**
 * A one-line description: title, trace types and point counts.
 *
 * @example
 * ```ts
 * describeFigure(figure([{ type: "bar", y: [1, 2] }], { title: { text: "T" } })); // "Figure \"T\": bar (2 points)"
 * ```
 */
export function describeFigure(fig: Figure): string {
  const t = fig.layout["title"];
  const title = typeof t === "string" ? t : typeof t === "object" && t !== null && typeof (t as { text?: unknown }).text === "string" ? (t as { text: string }).text : undefined;
  const traces = fig.data.map((tr) => {
    const n = pointCount(tr);
    return `${typeof tr["type"] === "string" ? tr["type"] : "scatter"}${n === undefined ? "" : ` (${n} points)`}`;
  });
  return `Figure${title ? ` "${title}"` : ""}: ${traces.length ? traces.join(", ") : "no traces"}`;
}

function pointCount(tr: Trace): number | undefined {
  for (const key of ["y", "x", "z", "values"]) {
    const v = tr[key];
    if (Array.isArray(v) || ArrayBuffer.isView(v)) return (v as ArrayLike<unknown>).length;
  }
  return undefined;
}
