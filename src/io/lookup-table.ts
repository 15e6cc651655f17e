/**
 * Latency lookup tables in Once-for-All's YAML format: layer key ->
 * `{count, mean, std}` (or `var` in ProxylessNAS's table), times in ms.
 */
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { InvalidDataError } from "../errors.js";

/** One layer's measured latency. */
export interface LutEntry {
  readonly mean: number;
  /** Standard deviation (from `std`, or the square root of `var`). */
  readonly std: number;
  readonly count: number;
}

/**
 * Parses a lookup table.
 *
 * @throws {InvalidDataError} naming the file and key for malformed YAML or entries (missing or negative mean, non-integer count)
 * @example
 * ```ts
 * const lut = parseLookupTable(readFileSync("224_lookup_table.yaml", "utf8"), "224_lookup_table.yaml");
 * lut.get("Logits-input:1x1x1536-output:1000")?.mean;
 * ```
 */
export function parseLookupTable(text: string, file = "<yaml>"): ReadonlyMap<string, LutEntry> {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new InvalidDataError(`${file}: not valid YAML: ${(e as Error).message.split("\n")[0]}`, { cause: e });
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new InvalidDataError(`${file}: expected a mapping of layer keys to {count, mean, std}`);
  const out = new Map<string, LutEntry>();
  for (const [key, v] of Object.entries(doc as Record<string, unknown>)) {
    const e = v as { mean?: unknown; std?: unknown; var?: unknown; count?: unknown } | null;
    if (typeof e !== "object" || e === null) throw new InvalidDataError(`${file}: entry ${key} is not a mapping {count, mean, std}`);
    const mean = e.mean;
    if (typeof mean !== "number" || !Number.isFinite(mean) || mean < 0) throw new InvalidDataError(`${file}: entry ${key}: mean ${JSON.stringify(mean)} is not a latency (a finite number >= 0 ms)`);
    const std = typeof e.std === "number" ? e.std : typeof e.var === "number" ? Math.sqrt(e.var) : Number.NaN;
    const count = e.count;
    if (!Number.isInteger(count) || (count as number) < 1) throw new InvalidDataError(`${file}: entry ${key}: count ${JSON.stringify(count)} is not a positive integer`);
    out.set(key, { mean, std, count: count as number });
  }
  if (out.size === 0) throw new InvalidDataError(`${file}: no entries`);
  return out;
}

/**
 * Reads a lookup table file (see `parseLookupTable`).
 *
 * @example
 * ```ts
 * const lut = await readLookupTable("224_lookup_table.yaml");
 * lut.size;
 * ```
 */
export async function readLookupTable(path: string): Promise<ReadonlyMap<string, LutEntry>> {
  return parseLookupTable(await readFile(path, "utf8"), path);
}
