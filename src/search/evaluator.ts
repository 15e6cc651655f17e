/**
 * Objectives of a search: a batched query of (accuracy, latency) for
 * architectures, and the archive that counts evaluations. An evaluation is one
 * query of an architecture not seen before in the run; repeated architectures
 * are answered from the archive for free.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError, InvalidDataError, NotFoundError } from "../errors.js";

/** Accuracy (%) and latency (ms) of a batch of architectures, in order. */
export interface Objectives {
  readonly accuracy: ArrayLike<number>;
  readonly latency: ArrayLike<number>;
}

/** A batched objective function over canonical architecture strings. */
export type Evaluator = (archs: readonly string[]) => Objectives;

/** One evaluated architecture. */
export interface Evaluated {
  readonly arch: string;
  readonly accuracy: number;
  readonly latency: number;
}

/**
 * Objectives read from a table: an accuracy column and a device column. A
 * missing value (NaN) is an error naming the architecture, since a search must
 * not silently skip architectures.
 *
 * @throws {NotFoundError} for an unknown column (at creation) or an architecture the table lacks (at query)
 * @example
 * ```ts
 * const ev = tableEvaluator(help.join(acc), "cifar10", "pixel3");
 * ev(["|nor_conv_3x3~0|+|...|"]); // { accuracy: [..], latency: [..] }
 * ```
 */
export function tableEvaluator(table: LatencyTable, accuracy: string, device: string): Evaluator {
  const acc = table.accuracy(accuracy);
  const lat = table.latency(device);
  return (archs) => {
    const a = new Float64Array(archs.length);
    const l = new Float64Array(archs.length);
    archs.forEach((arch, i) => {
      const r = table.rowOfArch(arch);
      if (r === undefined) throw new NotFoundError(`tableEvaluator: ${arch} is not in ${table.source}`);
      if (Number.isNaN(acc[r] as number) || Number.isNaN(lat[r] as number)) throw new InvalidDataError(`tableEvaluator: ${arch} (row ${r}) has no ${Number.isNaN(acc[r] as number) ? `accuracy ${accuracy}` : `latency on ${device}`} in ${table.source}`);
      a[i] = acc[r] as number;
      l[i] = lat[r] as number;
    });
    return { accuracy: a, latency: l };
  };
}

/** Every architecture evaluated in a run, in evaluation order, with a lookup by name. */
export class Archive {
  private readonly byArch = new Map<string, Evaluated>();
  private readonly order: Evaluated[] = [];
  /** Number of objective calls (batches) made. */
  batches = 0;

  constructor(private readonly evaluator: Evaluator, readonly budget: number) {
    if (!Number.isInteger(budget) || budget < 1) throw new InvalidArgumentError(`search: evaluation budget ${budget} must be a positive integer`);
  }

  /** Evaluations so far. */
  get size(): number {
    return this.order.length;
  }
  /** Evaluations left in the budget. */
  get left(): number {
    return this.budget - this.order.length;
  }
  has(arch: string): boolean {
    return this.byArch.has(arch);
  }
  /** All evaluations, in order (a copy). */
  all(): Evaluated[] {
    return [...this.order];
  }

  /**
   * Evaluates the architectures not seen before (in one batch, at most the
   * budget left; later ones are dropped) and returns the records of all given
   * architectures that are now known.
   *
   * @throws {InvalidDataError} when the evaluator returns the wrong length or a NaN
   */
  evaluate(archs: readonly string[]): Evaluated[] {
    const fresh: string[] = [];
    const inBatch = new Set<string>();
    for (const a of archs) {
      if (this.byArch.has(a) || inBatch.has(a) || fresh.length >= this.left) continue;
      inBatch.add(a);
      fresh.push(a);
    }
    if (fresh.length > 0) {
      const o = this.evaluator(fresh);
      this.batches++;
      if (o.accuracy.length !== fresh.length || o.latency.length !== fresh.length) throw new InvalidDataError(`search: the evaluator returned ${o.accuracy.length} accuracies and ${o.latency.length} latencies for ${fresh.length} architectures`);
      fresh.forEach((arch, i) => {
        const accuracy = o.accuracy[i] as number;
        const latency = o.latency[i] as number;
        if (!Number.isFinite(accuracy) || !Number.isFinite(latency)) throw new InvalidDataError(`search: the evaluator returned accuracy ${accuracy}, latency ${latency} for ${arch}; both must be finite`);
        const e = { arch, accuracy, latency };
        this.byArch.set(arch, e);
        this.order.push(e);
      });
    }
    const out: Evaluated[] = [];
    for (const a of archs) {
      const e = this.byArch.get(a);
      if (e) out.push(e);
    }
    return out;
  }
}
