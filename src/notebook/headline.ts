/**
 * Headline numbers: the few results a notebook states, collected from the
 * executed notebooks into `out/report.md`.
 */
import { InvalidArgumentError } from "../errors.js";
import { formatCell } from "../viz/table.js";

/** The MIME type that carries a headline in a notebook output. */
export const HEADLINE_MIME = "application/vnd.proxynas.headline+json";

/** One number a notebook reports. */
export interface Headline {
  readonly kind: "headline";
  /** What was measured, e.g. `"SRCC(true_vpu, eagle_gtx)"`. */
  readonly name: string;
  readonly value: number | string;
  readonly unit?: string;
  /** How it was measured or what it is compared with. */
  readonly note?: string;
}

/**
 * Makes a headline to `show()`.
 *
 * @throws {InvalidArgumentError} on an empty name
 * @example
 * ```ts
 * show(headline("devices loaded", 27));
 * show(headline("matmul 512x512", 12.3, { unit: "ms", note: "median of 10, wasm" }));
 * ```
 */
export function headline(name: string, value: number | string, options: { unit?: string; note?: string } = {}): Headline {
  if (typeof name !== "string" || name.trim() === "") throw new InvalidArgumentError(`headline: name must be a non-empty string, got ${JSON.stringify(name)}`);
  return { kind: "headline", name, value, ...(options.unit === undefined ? {} : { unit: options.unit }), ...(options.note === undefined ? {} : { note: options.note }) };
}

/** Whether a value is a {@link Headline}. */
export function isHeadline(value: unknown): value is Headline {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "headline";
}

/**
 * The headline as one line of text: `name: value unit (note)`.
 *
 * @example
 * ```ts
 * formatHeadline(headline("devices", 27)); // "devices: 27"
 * ```
 */
export function formatHeadline(h: Headline): string {
  const v = typeof h.value === "number" && !Number.isInteger(h.value) ? formatCell(h.value) : String(h.value);
  return `${h.name}: ${v}${h.unit ? ` ${h.unit}` : ""}${h.note ? ` (${h.note})` : ""}`;
}
