/**
 * Conversion of columnar data to a danfojs `DataFrame`, for users who work
 * with danfojs. danfojs is loaded only when this is called.
 */
import { createRequire } from "node:module";
import { EnvironmentError, InvalidArgumentError } from "../errors.js";

const require = createRequire(import.meta.url);

/** The part of danfojs-node's API used here. */
interface Danfo {
  DataFrame: new (data: Record<string, unknown[]>, options?: { index?: unknown[] }) => unknown;
}

/**
 * Builds a danfojs DataFrame from named columns of equal length. Typed arrays
 * are copied into plain arrays; NaN stays NaN.
 *
 * @returns a `danfojs-node` DataFrame (typed `unknown` so that the public types do not depend on danfojs)
 * @throws {InvalidArgumentError} when columns differ in length or there are none
 * @example
 * ```ts
 * const df = dataFrameFromColumns({ device: ["a", "b"], ms: new Float64Array([1, 2]) }) as any;
 * df.print();
 * ```
 */
export function dataFrameFromColumns(columns: Readonly<Record<string, ArrayLike<unknown>>>): unknown {
  const names = Object.keys(columns);
  if (names.length === 0) throw new InvalidArgumentError("dataFrameFromColumns: no columns given; pass at least one named column");
  const n = columns[names[0] as string]?.length ?? 0;
  const data: Record<string, unknown[]> = {};
  for (const name of names) {
    const col = columns[name] as ArrayLike<unknown>;
    if (col.length !== n) throw new InvalidArgumentError(`dataFrameFromColumns: column "${name}" has ${col.length} values, column "${names[0]}" has ${n}; all columns must have the same length`);
    data[name] = Array.from(col);
  }
  return new (danfojs().DataFrame)(data);
}

/**
 * danfojs-node, an optional peer dependency: loaded only here, so that an
 * install without it (and without what it brings in) has everything else.
 */
function danfojs(): Danfo {
  try {
    return require("danfojs-node") as Danfo;
  } catch (e) {
    if ((e as { code?: unknown }).code !== "MODULE_NOT_FOUND") throw e;
    throw new EnvironmentError("dataFrameFromColumns: danfojs-node is not installed; it is an optional peer dependency: npm i danfojs-node", { cause: e });
  }
}
