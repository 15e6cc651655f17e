/**
 * Finding an external program (a browser): an environment variable that
 * overrides, else the first of the usual paths, else a typed error with the
 * command that installs it.
 */
import { existsSync } from "node:fs";
import { EnvironmentError } from "../errors.js";

/** Where to look for a program, and how to install it. */
export interface ExecutableSpec {
  /** Name in messages (`Chromium`). */
  readonly name: string;
  /** Environment variable that overrides the search (`PROXYNAS_CHROMIUM`). */
  readonly envVar: string;
  /** Usual paths, in order of preference. */
  readonly candidates: readonly string[];
  /** The command that installs it. */
  readonly install: string;
}

/**
 * The program's path: the environment variable's value, else the first usual path that exists.
 *
 * @throws {EnvironmentError} naming the variable when it points nowhere, or the paths tried and the install command
 * @example
 * ```ts
 * findExecutable({ name: "Chromium", envVar: "PROXYNAS_CHROMIUM", candidates: ["/usr/bin/chromium"], install: "apt-get install -y chromium" });
 * ```
 */
export function findExecutable(spec: ExecutableSpec): string {
  const env = process.env[spec.envVar];
  if (env) {
    if (!existsSync(env)) throw new EnvironmentError(`${spec.envVar}=${env} does not exist; unset it or point it at a ${spec.name} binary`);
    return env;
  }
  const found = spec.candidates.find((p) => existsSync(p));
  if (!found) throw new EnvironmentError(`${spec.name} not found (looked for ${spec.candidates.join(", ")}); install it: ${spec.install}`);
  return found;
}
