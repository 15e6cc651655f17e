/**
 * Timing a reference implementation in Python (numpy/scipy through Debian's
 * /usr/bin/python3), on the same data, for the ratio a benchmark reports.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The Python with numpy and scipy, or `undefined` when there is none. */
export function referencePython(python = "/usr/bin/python3"): string | undefined {
  if (!existsSync(python)) return undefined;
  const r = spawnSync(python, ["-c", "import numpy, scipy"], { encoding: "utf8" });
  return r.status === 0 ? python : undefined;
}

/**
 * Runs `code` in Python with `X` bound to a (rows x columns) float64 numpy array
 * built from `columns`; the code must print one number: the median time in ms
 * of what it measures. Returns that number, or `undefined` without scipy.
 *
 * @example
 * ```ts
 * await timePythonOnColumns(cols, "import time, scipy.stats\nt=time.perf_counter(); scipy.stats.spearmanr(X); print((time.perf_counter()-t)*1e3)");
 * ```
 */
export function timePythonOnColumns(columns: readonly Float64Array[], code: string): number | undefined {
  const python = referencePython();
  if (!python || columns.length === 0) return undefined;
  const rows = (columns[0] as Float64Array).length;
  const data = new Float64Array(rows * columns.length);
  columns.forEach((c, j) => {
    for (let r = 0; r < rows; r++) data[r * columns.length + j] = c[r] as number;
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), "proxynas-ref-"));
  try {
    const file = path.join(dir, "x.f64");
    writeFileSync(file, new Uint8Array(data.buffer));
    const prelude = `import numpy as np\nX = np.fromfile(${JSON.stringify(file)}, dtype="<f8").reshape(${rows}, ${columns.length})\n`;
    const r = spawnSync(python, ["-c", prelude + code], { encoding: "utf8", timeout: 600_000 });
    if (r.status !== 0) throw new Error(`reference Python failed: ${r.stderr.trim().split("\n").pop()}`);
    return Number(r.stdout.trim().split("\n").pop());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
