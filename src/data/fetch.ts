/**
 * Getting a dataset's files onto this machine: from a local mirror
 * (`--mirror DIR` / `PROXYNAS_DATA_MIRROR` / a `../shared/datasets` beside the
 * project), or downloaded from their public
 * sources into the user cache (`$XDG_CACHE_HOME/proxynas`, else
 * `~/.cache/proxynas`). Every file is checked against its SHA-256. Downloads
 * are written to a temporary file and renamed only once verified: an
 * interrupted or failed download never leaves a file that looks valid.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { EnvironmentError, ExecutionError, ProxynasError } from "../errors.js";
import { fileURLToPath } from "node:url";
import { datasetInfo, type DatasetFile } from "./registry.js";

/** The installed package's root (this file is two folders below it, in src/ or dist/). */
export function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/**
 * A file's SHA-256 is not the registered one.
 *
 * @example
 * ```ts
 * await fetchDataset("help-nb201", { mirror: "tampered/" }); // throws ChecksumError naming the file and both hashes
 * ```
 */
export class ChecksumError extends ProxynasError {
  constructor(message: string) {
    super("checksum", message);
    this.name = "ChecksumError";
  }
}

/** Options of {@link fetchDataset}. */
export interface FetchOptions {
  /** Read this local mirror instead of downloading (see {@link configuredMirror}); `false` never reads a mirror. */
  readonly mirror?: string | false;
  /** Download cache (default `$XDG_CACHE_HOME/proxynas` or `~/.cache/proxynas`). */
  readonly cacheDir?: string;
  /** Download from `<baseUrl>/<path>` instead of the public sources (a private mirror server; default `PROXYNAS_DATA_URL`). */
  readonly baseUrl?: string;
  /** Progress lines (default: none). */
  readonly onProgress?: (message: string) => void;
  /** Per-file download timeout in ms (default 120,000). */
  readonly timeoutMs?: number;
  /** Check mirror and cached files' SHA-256 now (default true). Loaders pass false and verify as they read. */
  readonly verify?: boolean;
}

/** Where a fetched dataset's files are: `path.join(root, file.path)`. */
export interface FetchedDataset {
  readonly name: string;
  readonly root: string;
  /** `package`: an embedded dataset, read from the installed package. */
  readonly from: "mirror" | "cache" | "download" | "package";
  readonly files: readonly DatasetFile[];
}

/** The download cache folder. */
export function defaultCacheDir(): string {
  const xdg = process.env["XDG_CACHE_HOME"];
  return path.join(xdg && xdg !== "" ? xdg : path.join(os.homedir(), ".cache"), "proxynas");
}

/** Where a mirror beside the project is looked for when none is configured. */
export const SIBLING_MIRROR = path.join("..", "shared", "datasets");

/**
 * The mirror to read: `options.mirror`, else `PROXYNAS_DATA_MIRROR`, else a
 * `../shared/datasets` folder (relative to the working directory) holding a
 * `SHA256SUMS`, else none (download). `mirror: false` or
 * `PROXYNAS_DATA_MIRROR=none` turns mirrors off.
 *
 * @example
 * ```ts
 * configuredMirror({ mirror: "/data/hwnas" }); // "/data/hwnas"
 * ```
 */
export function configuredMirror(options: FetchOptions = {}): string | undefined {
  if (options.mirror === false) return undefined;
  const m = options.mirror ?? process.env["PROXYNAS_DATA_MIRROR"];
  if (m === "none") return undefined;
  if (m !== undefined && m !== "") return path.resolve(m);
  const sibling = path.resolve(SIBLING_MIRROR);
  return existsSync(path.join(sibling, "SHA256SUMS")) ? sibling : undefined;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Reads a registered file and checks its size and SHA-256.
 *
 * @throws {ChecksumError} naming the file, the expected and the actual hash
 */
export async function readVerified(root: string, file: DatasetFile): Promise<Buffer> {
  const full = path.join(root, file.path);
  const bytes = await readFile(full);
  if (bytes.length !== file.bytes) throw new ChecksumError(`${full}: ${bytes.length} bytes, expected ${file.bytes}: truncated or a different version; delete it and fetch again`);
  const h = sha256(bytes);
  if (h !== file.sha256) throw new ChecksumError(`${full}: SHA-256 ${h}, expected ${file.sha256}: corrupt or a different version; delete it and fetch again`);
  return bytes;
}

/**
 * Downloads one file: the announced size is checked before any byte is read,
 * the body is streamed with a cap at the registered size and hashed as it
 * arrives, and only a verified file is renamed into place.
 */
async function download(url: string, file: DatasetFile, dest: string, options: FetchOptions): Promise<void> {
  const tmp = `${dest}.part-${process.pid}-${Date.now()}`;
  await mkdir(path.dirname(dest), { recursive: true });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 120_000);
  try {
    let res: Response;
    try {
      res = await fetch(url, { signal: controller.signal, redirect: "follow" });
    } catch (e) {
      throw new EnvironmentError(`download of ${url} failed: ${describeFetchError(e)}`, { cause: e });
    }
    if (!res.ok) {
      controller.abort();
      throw new ExecutionError(`download of ${url}: the server answered HTTP ${res.status} ${res.statusText}${res.status === 404 ? " (no such file there: check PROXYNAS_DATA_URL or the dataset's source)" : ""}; nothing was kept`);
    }
    const announced = Number(res.headers.get("content-length") ?? Number.NaN);
    if (Number.isFinite(announced) && announced !== file.bytes) {
      controller.abort();
      throw new ChecksumError(`download of ${url}: the server announces ${announced} bytes, expected ${file.bytes} (a different file); nothing was read or kept`);
    }
    const hash = createHash("sha256");
    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        received += chunk.length;
        if (received > file.bytes) {
          controller.abort();
          throw new ChecksumError(`download of ${url}: more than the ${file.bytes} bytes expected (a different file); stopped reading, nothing was kept`);
        }
        hash.update(chunk);
        chunks.push(chunk);
      }
    } catch (e) {
      if (e instanceof ProxynasError) throw e;
      throw new ExecutionError(`download of ${url} was interrupted after ${received} of ${file.bytes} bytes: ${describeFetchError(e)}; nothing was kept`, { cause: e });
    }
    if (received !== file.bytes) throw new ChecksumError(`download of ${url}: got ${received} bytes, expected ${file.bytes} (truncated or a different file); nothing was kept`);
    const h = hash.digest("hex");
    if (h !== file.sha256) throw new ChecksumError(`download of ${url}: SHA-256 ${h}, expected ${file.sha256}; nothing was kept`);
    await writeFile(tmp, Buffer.concat(chunks));
    await rename(tmp, dest);
  } finally {
    clearTimeout(timer);
    await rm(tmp, { force: true });
  }
}

function describeFetchError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === "AbortError") return "timed out";
  return [err.message, err.cause?.code ?? err.cause?.message].filter(Boolean).join(": ");
}

/**
 * Makes a dataset's files available and verified.
 *
 * @throws {ChecksumError} when a mirror file does not match its registered hash, or a download does not
 * @throws {EnvironmentError} when a file can be neither read from a mirror nor downloaded, with both ways out
 * @example
 * ```ts
 * const ds = await fetchDataset("help-nb201", { mirror: "../shared/datasets" });
 * ds.root; // "/abs/path/shared/datasets"
 * ```
 */
export async function fetchDataset(name: string, options: FetchOptions = {}): Promise<FetchedDataset> {
  const info = datasetInfo(name);
  if (info.embedded) return { name, root: packageRoot(), from: "package", files: [] };
  const mirror = configuredMirror(options);
  const progress = options.onProgress ?? (() => undefined);
  if (mirror) {
    for (const f of info.files) {
      if (!existsSync(path.join(mirror, f.path))) throw new EnvironmentError(`dataset ${name}: ${path.join(mirror, f.path)} is missing from the mirror ${mirror}; fix the mirror, or unset PROXYNAS_DATA_MIRROR / --mirror to download from the public sources`);
      if (options.verify !== false) await readVerified(mirror, f);
    }
    return { name, root: mirror, from: "mirror", files: info.files };
  }
  const cache = path.resolve(options.cacheDir ?? defaultCacheDir());
  let downloaded = 0;
  const total = info.files.length;
  for (const [i, f] of info.files.entries()) {
    const dest = path.join(cache, f.path);
    if (existsSync(dest)) {
      try {
        if (options.verify !== false) await readVerified(cache, f);
        continue;
      } catch (e) {
        if (!(e instanceof ChecksumError)) throw e;
        progress(`${f.path}: cached copy does not verify; downloading again`);
        await rm(dest, { force: true });
      }
    }
    const baseUrl = options.baseUrl ?? (process.env["PROXYNAS_DATA_URL"] || undefined);
    const url = baseUrl ? `${baseUrl.replace(/\/$/, "")}/${f.path}` : f.url;
    progress(`[${i + 1}/${total}] ${f.path} (${(f.bytes / 1024).toFixed(0)} KiB) <- ${url}`);
    try {
      await download(url, f, dest, options);
    } catch (e) {
      if (e instanceof EnvironmentError) {
        throw new EnvironmentError(`dataset ${name}: ${e.message}. No network here? Either point PROXYNAS_DATA_MIRROR (or --mirror) at a local copy of the datasets, or fetch on a machine with internet and copy ${cache}`, { cause: e });
      }
      throw e;
    }
    downloaded++;
  }
  return { name, root: cache, from: downloaded > 0 ? "download" : "cache", files: info.files };
}
