/**
 * The model files of the scale layer's caches (device-aware models,
 * optimizers): read with a typed error for an unreadable file, written
 * atomically (a temporary file renamed into place, so that a killed run never
 * leaves half a model behind).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultCacheDir } from "../data/fetch.js";
import { InvalidDataError } from "../errors.js";

/**
 * A cache file's path: in `dir` (default: the download cache's `models/`),
 * named by its parts (each made file-name safe, joined by "-") and the first
 * 16 hex digits of the SHA-256 of `key` (everything that determines the file).
 */
export function cacheFilePath(dir: string | undefined, parts: readonly string[], key: string): string {
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 16);
  const name = parts.map((x) => x.replace(/[^A-Za-z0-9_.-]/g, "_")).join("-");
  return path.join(dir ?? path.join(defaultCacheDir(), "models"), `${name}-${hash}.json`);
}

/**
 * The parsed JSON of a cache file, or undefined when there is none.
 *
 * @throws {InvalidDataError} naming the file when it exists but is not JSON
 */
export function readCacheFile(file: string, what: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new InvalidDataError(`${file}: not a readable ${what} file (${(e as Error).message}); delete it to retrain`, { cause: e });
  }
}

/** Writes a cache file atomically, creating its folder. */
export function writeCacheFile(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, file);
}
