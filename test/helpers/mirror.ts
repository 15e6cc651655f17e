/**
 * The offline data mirror for tests: PROXYNAS_DATA_MIRROR, else ../shared/datasets.
 * Tests that need it fail (never skip) when it is missing.
 */
import { existsSync } from "node:fs";
import path from "node:path";

export function mirrorDir(): string {
  const dir = path.resolve(process.env["PROXYNAS_DATA_MIRROR"] ?? path.join("..", "shared", "datasets"));
  if (!existsSync(path.join(dir, "SHA256SUMS"))) {
    throw new Error(`data mirror not found at ${dir} (no SHA256SUMS): set PROXYNAS_DATA_MIRROR to the folder of the offline dataset mirror`);
  }
  return dir;
}

export function mirrorFile(rel: string): string {
  return path.join(mirrorDir(), rel);
}
