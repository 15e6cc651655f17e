/**
 * Executes notebooks headless through Jupyter's nbconvert with the tslab
 * kernel, stopping at the first failing cell and showing its source and stderr.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configuredMirror } from "../data/fetch.js";
import { EnvironmentError, ExecutionError, NotFoundError } from "../errors.js";

/** Debian's Python, which carries Jupyter (the `python3` on PATH may not). */
export const DEFAULT_PYTHON = "/usr/bin/python3";

/** The Debian packages that provide headless Jupyter. */
export const JUPYTER_PACKAGES = ["jupyter-notebook", "jupyter-nbconvert", "python3-nbconvert", "python3-nbclient", "jupyter-client", "python3-ipykernel"] as const;

/** The command that installs Jupyter. */
export const JUPYTER_INSTALL = `apt-get update && apt-get install -y ${JUPYTER_PACKAGES.join(" ")}   (or: npm run setup)`;

/** Options of {@link runNotebooks}. */
export interface NotebookRunOptions {
  /** Folder of `*.ipynb` to run (default `notebooks`). */
  readonly notebooksDir?: string;
  /** Where executed notebooks and their HTML go (default `out/notebooks`). */
  readonly outDir?: string;
  /** Run only these notebooks (file names or stems). */
  readonly only?: readonly string[];
  /** Per-cell timeout in seconds (default 900). */
  readonly timeoutSeconds?: number;
  /** Folder holding `kernels/tslab` (default `.jupyter/share/jupyter` in the working directory). */
  readonly jupyterPath?: string;
  /** The Python with Jupyter (default `/usr/bin/python3`). */
  readonly python?: string;
  /** Progress lines (default: stderr). */
  readonly log?: (line: string) => void;
}

/** One executed notebook. */
export interface NotebookRunResult {
  readonly notebook: string;
  readonly executed: string;
  readonly html: string;
  readonly seconds: number;
}

function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/**
 * Checks that Jupyter and the tslab kernel are there.
 *
 * @throws {EnvironmentError} with the command that fixes it
 * @example
 * ```ts
 * checkJupyter({ jupyterPath: ".jupyter/share/jupyter" });
 * ```
 */
export function checkJupyter(options: { python?: string; jupyterPath?: string } = {}): void {
  const python = options.python ?? DEFAULT_PYTHON;
  if (!existsSync(python)) throw new EnvironmentError(`Jupyter needs ${python}, which does not exist; install it: ${JUPYTER_INSTALL}`);
  const env = jupyterEnv(options.jupyterPath);
  const probe = spawnSync(python, ["-c", "import json, nbconvert, nbclient, ipykernel; from jupyter_client.kernelspec import find_kernel_specs; print(json.dumps(find_kernel_specs()))"], { env, encoding: "utf8" });
  if (probe.status !== 0) throw new EnvironmentError(`Jupyter (nbconvert, nbclient, ipykernel) is not installed for ${python}; install it: ${JUPYTER_INSTALL}`);
  const specs = JSON.parse(probe.stdout.trim().split("\n").pop() ?? "{}") as Record<string, string>;
  if (!("tslab" in specs)) {
    throw new EnvironmentError(
      `the tslab kernel is not registered for Jupyter (looked in JUPYTER_PATH=${env["JUPYTER_PATH"]}); register it: npm run setup  (or: npx tslab install --python=${python} --prefix=.jupyter --binary=$PWD/node_modules/.bin/tslab)`,
    );
  }
}

function jupyterEnv(jupyterPath?: string): NodeJS.ProcessEnv {
  const own = path.resolve(jupyterPath ?? path.join(".jupyter", "share", "jupyter"));
  const prev = process.env["JUPYTER_PATH"];
  return { ...process.env, JUPYTER_PATH: prev ? `${own}${path.delimiter}${prev}` : own, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
}

/**
 * The notebooks a run would execute, sorted by name.
 *
 * @throws {NotFoundError} when the folder or a named notebook does not exist
 */
export function listNotebooks(notebooksDir = "notebooks", only?: readonly string[]): string[] {
  if (!existsSync(notebooksDir)) throw new NotFoundError(`notebooks folder ${notebooksDir} does not exist`);
  const all = readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();
  if (!only || only.length === 0) return all.map((f) => path.join(notebooksDir, f));
  return only.map((name) => {
    const hit = all.find((f) => f === name || f === `${name}.ipynb` || f === path.basename(name));
    if (!hit) throw new NotFoundError(`notebook ${name} not found in ${notebooksDir}; available: ${all.join(", ")}`);
    return path.join(notebooksDir, hit);
  });
}

/**
 * Executes notebooks one by one with nbconvert and the tslab kernel, writing
 * `<outDir>/<name>.ipynb` and `<outDir>/<name>.html`. Stops at the first
 * failing notebook with an {@link ExecutionError} whose message holds the
 * failing cell's number, source, stderr and error.
 *
 * @example
 * ```ts
 * const results = await runNotebooks({ only: ["00-quickstart"] });
 * console.log(results.map((r) => `${r.notebook}: ${r.seconds.toFixed(1)} s`));
 * ```
 */
export async function runNotebooks(options: NotebookRunOptions = {}): Promise<NotebookRunResult[]> {
  const python = options.python ?? DEFAULT_PYTHON;
  const outDir = options.outDir ?? path.join("out", "notebooks");
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  checkJupyter({ python, ...(options.jupyterPath === undefined ? {} : { jupyterPath: options.jupyterPath }) });
  const notebooks = listNotebooks(options.notebooksDir ?? "notebooks", options.only);
  mkdirSync(outDir, { recursive: true });
  const env = jupyterEnv(options.jupyterPath);
  // the kernel runs in the notebook's folder: hand it the mirror as an absolute path
  const mirror = configuredMirror();
  if (mirror) env["PROXYNAS_DATA_MIRROR"] = mirror;
  const script = path.join(packageRoot(), "scripts", "execute_notebook.py");
  const results: NotebookRunResult[] = [];
  for (const nb of notebooks) {
    const stem = path.basename(nb, ".ipynb");
    const executed = path.join(outDir, `${stem}.ipynb`);
    const html = path.join(outDir, `${stem}.html`);
    log(`notebook ${stem}: running`);
    const started = performance.now();
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      const child = spawn(python, [script, nb, executed, html, "--timeout", String(options.timeoutSeconds ?? 900), "--cwd", path.dirname(path.resolve(nb))], { env, stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (d: string) => (err += d));
      child.on("error", reject);
      child.on("close", (c) => resolve({ code: c ?? 1, stderr: err }));
    });
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) {
      const at = stderr.indexOf("\n=== notebook");
      const detail = (at >= 0 ? stderr.slice(at) : stderr).trim();
      throw new ExecutionError(`notebook ${nb} failed after ${seconds.toFixed(1)} s (partial output in ${executed})\n${detail}`);
    }
    for (const line of stderr.split("\n").filter((l) => l.trim() !== "")) log(`  ${line}`);
    log(`notebook ${stem}: ok in ${seconds.toFixed(1)} s`);
    results.push({ notebook: nb, executed, html, seconds });
  }
  return results;
}
