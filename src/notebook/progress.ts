/**
 * Progress for long notebook cells: each line overwrites the last one in the
 * cell's output (a carriage return, which Jupyter front ends honour), so a
 * protocol's hundred progress lines take one line of the notebook.
 */

/**
 * A progress callback for the library's `onProgress` options.
 *
 * @param write - where the text goes (default: standard output, the cell's stream in tslab)
 * @example
 * ```ts
 * const { runs } = await runScaleProtocol(SCALE_SPLITS.help, { seeds: 1, onProgress: cellProgress() });
 * ```
 */
export function cellProgress(write: (text: string) => void = (t) => process.stdout.write(t)): (line: string) => void {
  let width = 0;
  return (line: string) => {
    const text = line.replace(/[\r\n]+/g, " ");
    write(`\r${text.padEnd(width)}`);
    width = Math.max(width, text.length);
  };
}
