/**
 * `show()`: display figures, tables, headlines and runtime reports in a tslab
 * notebook as one multi-MIME display bundle; outside a notebook, print the
 * `text/plain` part.
 */
import { createRequire } from "node:module";
import { isFigure } from "../viz/figure.js";
import { displayBundle } from "./bundle.js";

const require = createRequire(import.meta.url);

type WriteDisplayData = (content: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

let figureCount = 0;
let libraryInjected = false;

/**
 * The display writer of the tslab kernel running this process, if any. It is
 * looked up among the modules already loaded, so it is the very copy of tslab
 * that runs the kernel (tslab's public `display.raw` sends one MIME type only).
 */
export function kernelDisplayWriter(): WriteDisplayData | undefined {
  for (const key of Object.keys(require.cache)) {
    if (/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(key)) {
      const mod = require.cache[key]?.exports as { lastWriteDisplayData?: WriteDisplayData | null } | undefined;
      if (mod && typeof mod.lastWriteDisplayData === "function") return mod.lastWriteDisplayData;
    }
  }
  return undefined;
}

/**
 * Displays a value: a {@link Figure} (plotly; the library is injected with the
 * first figure of the notebook), a table, a headline number, a runtime report,
 * or a string.
 *
 * @throws {InvalidArgumentError} for values it cannot display
 * @example
 * ```ts
 * import { show, figure, tableView, headline, runtimeReport } from "proxynas";
 * show(await runtimeReport());
 * show(figure([{ type: "bar", x: ["a", "b"], y: [1, 2] }]));
 * show(tableView([{ device: "pixel3", ms: 3.61 }]));
 * show(headline("devices", 27));
 * ```
 */
export function show(value: unknown): void {
  const writer = kernelDisplayWriter();
  const isFig = isFigure(value);
  const bundle = displayBundle(value, { includeLibrary: writer !== undefined && isFig && !libraryInjected, id: `proxynas-fig-${process.pid}-${++figureCount}` });
  if (writer === undefined) {
    process.stdout.write(`${String(bundle.data["text/plain"])}\n`);
    return;
  }
  writer({ data: { ...bundle.data }, metadata: { ...bundle.metadata }, transient: {} }, false);
  if (isFig) libraryInjected = true;
}
