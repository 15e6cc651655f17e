/**
 * HTML renderings of figures: a `<div>` and a `<script>` calling
 * `Plotly.newPlot`, optionally preceded by the plotly.js library itself.
 */
import type { Figure } from "./figure.js";
import { plotlySource } from "./plotly.js";

/** Plotly `config` used for every figure. */
export const PLOTLY_CONFIG = { responsive: true, displaylogo: false } as const;

/** A `JSON.stringify` replacer writing typed arrays as plain lists. */
export function typedArraysAsLists(_key: string, v: unknown): unknown {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v;
}

/** JSON safe to embed inside a `<script>` element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, typedArraysAsLists)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A `<script>` element holding the plotly.js library (it sets `window.Plotly`). */
export function plotlyLibraryScript(): string {
  return `<script type="text/javascript">${plotlySource().replace(/<\/script/gi, "<\\/script")}</script>`;
}

/**
 * A figure as a div + script. The script waits for `window.Plotly`, so the
 * library may be injected earlier in the page (once per notebook).
 *
 * @param id - a DOM id unique in the page
 * @example
 * ```ts
 * const html = figureHtml(figure([{ type: "bar", y: [1, 2] }]), "fig-1");
 * ```
 */
export function figureHtml(fig: Figure, id: string, options: { includeLibrary?: boolean } = {}): string {
  const height = typeof fig.layout["height"] === "number" ? (fig.layout["height"] as number) : 450;
  const lib = options.includeLibrary ? plotlyLibraryScript() : "";
  return (
    `${lib}<div id="${id}" class="proxynas-figure" style="width:100%;height:${height}px;"></div>` +
    `<script type="text/javascript">(function(){var d=${scriptJson(fig.data)},l=${scriptJson(fig.layout)},c=${scriptJson(PLOTLY_CONFIG)};` +
    `function draw(n){if(window.Plotly){window.Plotly.newPlot(${scriptJson(id)},d,l,c);}else if(n<200){setTimeout(function(){draw(n+1);},50);}` +
    `else{document.getElementById(${scriptJson(id)}).textContent="plotly.js did not load: re-run the notebook's first figure cell";}}draw(0);})();</script>`
  );
}

/**
 * A standalone HTML page with the library and one or more figures.
 *
 * @example
 * ```ts
 * writeFileSync("fig.html", figurePage([fig]));
 * ```
 */
export function figurePage(figs: readonly Figure[], title = "proxynas figure"): string {
  const body = figs.map((f, i) => figureHtml(f, `fig-${i}`)).join("\n");
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${plotlyLibraryScript()}</head><body>${body}</body></html>`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
