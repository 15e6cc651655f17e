/** Correlation by method name. */
import { oneOf } from "../errors.js";
import { CORRELATION_METHODS, pearson, spearman, type Correlation, type CorrelationMethod } from "./correlation.js";
import { kendall } from "./kendall.js";

/**
 * A correlation of two samples by method (`spearman`, `kendall`, `pearson`),
 * with pairwise removal of missing values.
 *
 * @throws {InvalidArgumentError} for an unknown method, listing the valid ones
 * @example
 * ```ts
 * correlate(a, b, "kendall").value;
 * ```
 */
export function correlate(x: ArrayLike<number>, y: ArrayLike<number>, method: CorrelationMethod): Correlation {
  switch (oneOf("correlate: method", method, CORRELATION_METHODS)) {
    case "spearman":
      return spearman(x, y);
    case "pearson":
      return pearson(x, y);
    case "kendall":
      return kendall(x, y);
  }
}
