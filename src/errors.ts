/**
 * The one error family of proxynas.
 *
 * Every error the library throws on purpose is a {@link ProxynasError} with a
 * machine-readable {@link ErrorCode}. Messages name the function or file, the
 * bad value, and what would be valid.
 *
 * @example
 * ```ts
 * import { ProxynasError } from "proxynas";
 * try {
 *   await loadSomething();
 * } catch (e) {
 *   if (e instanceof ProxynasError && e.code === "environment") console.error(e.message);
 * }
 * ```
 */

/**
 * - `invalid-argument`: a value passed to a function is not one it accepts.
 * - `invalid-data`: a file or table holds something malformed (names file and row).
 * - `checksum`: a file's SHA-256 is not the registered one.
 * - `not-found`: a named thing (device, dataset, file, architecture) does not exist.
 * - `environment`: a tool the step needs (Jupyter, Chromium, network) is missing.
 * - `execution`: an external step (a notebook, a browser) ran and failed.
 */
export type ErrorCode =
  | "invalid-argument"
  | "invalid-data"
  | "checksum"
  | "not-found"
  | "environment"
  | "execution";

/**
 * Base class of every error proxynas throws on purpose.
 *
 * @example
 * ```ts
 * try {
 *   await loadTable("no-such-dataset");
 * } catch (e) {
 *   if (e instanceof ProxynasError) console.log(e.code, e.message); // "not-found" ...
 * }
 * ```
 */
export class ProxynasError extends Error {
  /** What kind of failure this is; stable across versions. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProxynasError";
    this.code = code;
  }
}

/**
 * A value passed to a function is not one it accepts.
 *
 * @example
 * ```ts
 * adaptTarget(ctx, measure, { samples: 1 }); // throws InvalidArgumentError: samples 1 must be an integer in 3..15625
 * ```
 */
export class InvalidArgumentError extends ProxynasError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid-argument", message, options);
    this.name = "InvalidArgumentError";
  }
}

/**
 * A file or table holds malformed content; the message names the file, row or value.
 *
 * @example
 * ```ts
 * await loadTable("broken.csv"); // throws InvalidDataError naming the file, line and column
 * ```
 */
export class InvalidDataError extends ProxynasError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid-data", message, options);
    this.name = "InvalidDataError";
  }
}

/**
 * A named thing does not exist; the message lists what does.
 *
 * @example
 * ```ts
 * help.latency("no_such_device"); // throws NotFoundError listing the devices
 * ```
 */
export class NotFoundError extends ProxynasError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("not-found", message, options);
    this.name = "NotFoundError";
  }
}

/**
 * A tool or resource the step needs is missing; the message gives the command that fixes it.
 *
 * @example
 * ```ts
 * await exportFigures(jobs); // throws EnvironmentError with the install command when Chromium is missing
 * ```
 */
export class EnvironmentError extends ProxynasError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("environment", message, options);
    this.name = "EnvironmentError";
  }
}

/**
 * An external step (notebook execution, browser) ran and failed.
 *
 * @example
 * ```ts
 * await runNotebooks({ only: ["01-datasets"] }); // throws ExecutionError with the failing cell's number and stderr
 * ```
 */
export class ExecutionError extends ProxynasError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("execution", message, options);
    this.name = "ExecutionError";
  }
}

/**
 * Checks that `value` is one of `allowed`, for string-literal-union options.
 *
 * @param where - the function and option name, e.g. `"initBackend: backend"`
 * @throws {InvalidArgumentError} naming the value and listing the valid ones
 * @example
 * ```ts
 * const b = oneOf("initBackend: backend", "wasm", ["auto", "wasm", "cpu"] as const);
 * ```
 */
export function oneOf<T extends string>(where: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidArgumentError(
    `${where}: invalid value ${JSON.stringify(value)}; valid: ${allowed.join(", ")}`,
  );
}

/**
 * A file system error as the typed error a user can act on: a missing file
 * or folder is a NotFoundError, a folder given as a file an
 * InvalidArgumentError, a permission problem an EnvironmentError, each
 * naming the path and what it was for. Other errors pass through unchanged.
 *
 * @example
 * ```ts
 * try { await readFile(p, "utf8"); } catch (e) { throw fileError(e, p, "measurements CSV"); }
 * ```
 */
export function fileError(e: unknown, path: string, what: string): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return new NotFoundError(`${what} ${path}: no such file or folder`, { cause: e });
  if (code === "EISDIR") return new InvalidArgumentError(`${what} ${path} is a folder; give a file`, { cause: e });
  if (code === "ENOTDIR") return new NotFoundError(`${what} ${path}: a part of the path is a file, not a folder`, { cause: e });
  if (code === "EACCES" || code === "EPERM") return new EnvironmentError(`${what} ${path}: permission denied`, { cause: e });
  return e;
}
