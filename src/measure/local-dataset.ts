/**
 * The embedded measurement file (`local-nb201`, measured by this project and
 * shipped in `datasets/`), and the bridge from a measurement file to a
 * latency table's rows (what adaptation reads as the target's measurements).
 */
import path from "node:path";
import { NotFoundError } from "../errors.js";
import { packageRoot } from "../data/fetch.js";
import type { LatencyTable } from "../data/latency-table.js";
import { datasetInfo } from "../data/registry.js";
import { combinePasses, readMeasurementFile, referenceScale, type MeasurementFile } from "./measurement-file.js";

/** Path of the embedded `local-nb201` CSV (its sidecar is beside it). */
export function localDatasetPath(): string {
  return path.join(packageRoot(), datasetInfo("local-nb201").embedded as string);
}

/**
 * The embedded dataset's measurement file: metadata and run statistics of
 * every runtime.
 *
 * @throws {NotFoundError} when the package has no datasets folder
 * @example
 * ```ts
 * measurementReport(await loadLocalMeasurements());
 * ```
 */
export async function loadLocalMeasurements(): Promise<MeasurementFile> {
  const f = await readMeasurementFile(localDatasetPath());
  if (!f) throw new NotFoundError(`local-nb201: ${localDatasetPath()} is missing; the package ships it in datasets/`);
  return f;
}

/**
 * A runtime's latencies from a measurement file, keyed by the row of the
 * same architecture in a table (NaN where every pass failed): the
 * `measure(row)` that adaptation takes.
 *
 * @throws {NotFoundError} for a runtime the file does not hold, or an architecture the table does not have
 * @example
 * ```ts
 * const m = measurementsFor(help, file, "node-wasm");
 * adaptTarget(ctx, (row) => m.get(row) as number, { samples: m.size, rows: [...m.keys()] });
 * ```
 */
export function measurementsFor(table: LatencyTable, file: MeasurementFile, runtime: string): Map<number, number> {
  const sec = file.runtimes[runtime];
  if (!sec) throw new NotFoundError(`measurementsFor: runtime ${JSON.stringify(runtime)} is not in the file; it holds ${Object.keys(file.runtimes).join(", ") || "none"}`);
  const out = new Map<number, number>();
  for (const c of combinePasses(sec.results, referenceScale(sec.results)).values()) {
    const row = table.rowOfArch(c.arch);
    if (row === undefined) throw new NotFoundError(`measurementsFor: architecture ${c.arch} is not in ${table.source}`);
    out.set(row, c.ok ? c.medianMs : Number.NaN);
  }
  return out;
}
