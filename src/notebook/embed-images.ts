/**
 * Puts each figure's rendered PNG into its output bundle in an executed
 * notebook (beside the plotly JSON and HTML), so that viewers without plotly
 * (GitHub's, a Jupyter front end without the plotly extension) show the
 * picture.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { InvalidDataError } from "../errors.js";
import { plotlyOf } from "./outputs.js";

interface RawNotebook {
  cells?: { outputs?: { data?: Record<string, unknown> }[] }[];
}

/**
 * Embeds `pngs[i]` (a PNG file) as the `image/png` of the notebook's i-th
 * plotly output, in display order (the order `readNotebookOutputs` lists the
 * figures in). Returns how many outputs got an image.
 *
 * @throws {InvalidDataError} when the file is not a notebook, or the number of PNGs is not the number of figures
 * @example
 * ```ts
 * embedFigureImages("out/notebooks/02-monotonicity.ipynb", ["out/figures/02-monotonicity--oneproxy-heatmap.png"]);
 * ```
 */
export function embedFigureImages(file: string, pngs: readonly string[]): number {
  let nb: RawNotebook;
  try {
    nb = JSON.parse(readFileSync(file, "utf8")) as RawNotebook;
  } catch (e) {
    throw new InvalidDataError(`embedFigureImages: ${file} is not a readable notebook (JSON): ${(e as Error).message}`, { cause: e });
  }
  const outputs = (nb.cells ?? []).flatMap((c) => c.outputs ?? []).filter((o) => plotlyOf(o.data) !== undefined);
  if (outputs.length !== pngs.length) throw new InvalidDataError(`embedFigureImages: ${file} shows ${outputs.length} figures; ${pngs.length} PNG files were given`);
  outputs.forEach((o, i) => {
    (o.data as Record<string, unknown>)["image/png"] = readFileSync(pngs[i] as string).toString("base64");
  });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(nb, null, 1)}\n`);
  renameSync(tmp, file);
  return outputs.length;
}
