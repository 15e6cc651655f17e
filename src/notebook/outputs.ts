/**
 * Reads what an executed notebook displayed: its plotly figures (to export as
 * images) and its headline numbers (for the report).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { InvalidDataError } from "../errors.js";
import { figure, type Figure, type Layout, type Trace } from "../viz/figure.js";
import { PLOTLY_MIME } from "./bundle.js";
import { HEADLINE_MIME, headline, type Headline } from "./headline.js";

/** What one executed notebook shows. */
export interface NotebookOutputs {
  readonly notebook: string;
  /** Figures in display order, named `<notebook>--<name>` (or `--fig<N>` when unnamed). */
  readonly figures: readonly { readonly name: string; readonly figure: Figure }[];
  readonly headlines: readonly Headline[];
  /** Cells whose outputs hold an error (none in a successful run). */
  readonly errors: readonly { readonly cell: number; readonly ename: string; readonly evalue: string }[];
}

interface RawOutput {
  output_type?: string;
  data?: Record<string, unknown>;
  metadata?: { proxynas?: { name?: string } };
  ename?: string;
  evalue?: string;
}

/** The plotly figure an output displays, if it displays one (the one test for "a figure output", shared with embed-images.ts). */
export function plotlyOf(data: Record<string, unknown> | undefined): { data: Trace[]; layout?: Layout } | undefined {
  const plot = data?.[PLOTLY_MIME] as { data?: Trace[]; layout?: Layout } | undefined;
  return plot && Array.isArray(plot.data) ? (plot as { data: Trace[]; layout?: Layout }) : undefined;
}

/**
 * Reads an executed notebook's figures, headlines and errors.
 *
 * @throws {InvalidDataError} naming the file when it is not a notebook
 * @example
 * ```ts
 * const o = readNotebookOutputs("out/notebooks/00-quickstart.ipynb");
 * o.headlines.map(formatHeadline);
 * ```
 */
export function readNotebookOutputs(file: string): NotebookOutputs {
  let nb: { cells?: { outputs?: RawOutput[] }[] };
  try {
    nb = JSON.parse(readFileSync(file, "utf8")) as typeof nb;
  } catch (e) {
    throw new InvalidDataError(`readNotebookOutputs: ${file} is not a readable notebook (JSON): ${(e as Error).message}`, { cause: e });
  }
  if (!Array.isArray(nb.cells)) throw new InvalidDataError(`readNotebookOutputs: ${file} has no "cells" list; expected an nbformat 4 notebook`);
  const stem = path.basename(file, ".ipynb");
  const figures: { name: string; figure: Figure }[] = [];
  const headlines: Headline[] = [];
  const errors: { cell: number; ename: string; evalue: string }[] = [];
  const used = new Set<string>();
  nb.cells.forEach((cell, ci) => {
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") errors.push({ cell: ci + 1, ename: out.ename ?? "", evalue: out.evalue ?? "" });
      const data = out.data;
      if (!data) continue;
      const plot = plotlyOf(data);
      if (plot) {
        let name = `${stem}--${out.metadata?.proxynas?.name ?? `fig${figures.length + 1}`}`;
        for (let k = 2; used.has(name); k++) name = `${stem}--${out.metadata?.proxynas?.name ?? "fig"}-${k}`;
        used.add(name);
        figures.push({ name, figure: figure(plot.data, plot.layout ?? {}) });
      }
      const h = data[HEADLINE_MIME] as { name?: string; value?: number | string; unit?: string; note?: string } | undefined;
      if (h && typeof h.name === "string" && h.value !== undefined) {
        headlines.push(headline(h.name, h.value, { ...(h.unit === undefined ? {} : { unit: h.unit }), ...(h.note === undefined ? {} : { note: h.note }) }));
      }
    }
  });
  return { notebook: stem, figures, headlines, errors };
}
