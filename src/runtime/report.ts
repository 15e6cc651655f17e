/**
 * The runtime report: the tfjs backend in use and why, and the versions of
 * everything that shapes a result. Shown by `proxynas doctor` and at the top of
 * every notebook; evaluations record it beside their numbers.
 */
import { createRequire } from "node:module";
import os from "node:os";
import { initBackend, tfjsNodeStatus, type BackendReport, type BackendRequest } from "./backend.js";

const require = createRequire(import.meta.url);

/** Everything that shapes a result on this machine. */
export interface RuntimeReport {
  readonly proxynas: string;
  readonly node: string;
  readonly platform: string;
  readonly cpus: string;
  readonly backend: BackendReport;
  /** Versions of the packages proxynas computes and draws with (`"not installed"` when absent). */
  readonly packages: Readonly<Record<string, string>>;
  /** Set when running inside a tslab kernel. */
  readonly tslab?: string;
}

const PACKAGES = [
  "@tensorflow/tfjs",
  "@tensorflow/tfjs-backend-wasm",
  "plotly.js-dist-min",
  "danfojs-node",
] as const;

/**
 * The version of an installed package, or `"not installed"`.
 *
 * @example
 * ```ts
 * packageVersion("danfojs-node"); // "1.2.0"
 * ```
 */
export function packageVersion(name: string): string {
  try {
    const pkg = require(`${name}/package.json`) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "not installed";
  }
}

/** The tslab version when this process is a tslab kernel. */
function tslabVersion(): string | undefined {
  for (const key of Object.keys(require.cache)) {
    if (/[\\/]tslab[\\/]dist[\\/]main\.js$/.test(key)) {
      try {
        const pkg = require(key.replace(/dist[\\/]main\.js$/, "package.json")) as { version?: string };
        return pkg.version ?? "unknown";
      } catch {
        return "unknown";
      }
    }
  }
  return undefined;
}

/**
 * Initialises the backend (see {@link initBackend}) and reports the runtime.
 *
 * @example
 * ```ts
 * const r = await runtimeReport();
 * console.log(formatRuntimeReport(r));
 * ```
 */
export async function runtimeReport(backend?: BackendRequest): Promise<RuntimeReport> {
  const b = await initBackend(backend);
  const packages: Record<string, string> = {};
  for (const p of PACKAGES) packages[p] = packageVersion(p);
  const tfNode = tfjsNodeStatus();
  packages["@tensorflow/tfjs-node"] = tfNode.installed ? tfNode.version : "not installed";
  const cpu = os.cpus();
  const tslab = tslabVersion();
  return {
    proxynas: proxynasVersion(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: `${cpu.length} x ${cpu[0]?.model.trim() ?? "unknown"}`,
    backend: b,
    packages,
    ...(tslab === undefined ? {} : { tslab }),
  };
}

/**
 * proxynas's own version, from its package.json.
 *
 * @example
 * ```ts
 * proxynasVersion(); // "0.1.0"
 * ```
 */
export function proxynasVersion(): string {
  const pkg = require("../../package.json") as { version: string };
  return pkg.version;
}

/**
 * The report as aligned `key: value` lines.
 *
 * @example
 * ```ts
 * formatRuntimeReport(await runtimeReport()).split("\n")[0]; // "proxynas  0.1.0"
 * ```
 */
export function formatRuntimeReport(r: RuntimeReport): string {
  const rows: [string, string][] = [
    ["proxynas", r.proxynas],
    ["backend", r.backend.reason],
    ["node", `${r.node} (${r.platform}, ${r.cpus})`],
    ...(r.tslab === undefined ? [] : [["tslab", r.tslab] as [string, string]]),
    ...Object.entries(r.packages),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}
