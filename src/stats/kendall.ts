/**
 * Kendall's tau-b in O(n log n) (Knight's algorithm): order the pairs by
 * (x, y), count tied pairs, and count discordant pairs as the inversions a
 * merge sort of y finds. Values are first replaced by dense integer ranks, so
 * ordering is two stable radix passes. Same missing-data rule as the other
 * correlations (see correlation.ts).
 */
import { argsortUint32, denseRanks } from "./argsort.js";
import { pairwiseComplete, type Correlation } from "./correlation.js";

/** Sorts `a` ascending in place and returns the number of inversions. */
function mergeCountInversions(a: Uint32Array): number {
  const n = a.length;
  let src = a;
  let dst: Uint32Array = new Uint32Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if ((src[j] as number) < (src[i] as number)) {
          dst[k++] = src[j++] as number;
          inversions += mid - i;
        } else dst[k++] = src[i++] as number;
      }
      while (i < mid) dst[k++] = src[i++] as number;
      while (j < hi) dst[k++] = src[j++] as number;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== a) a.set(src);
  return inversions;
}

/** Dense ranks of a sample, with its tied-pair count (see `denseRanks`). */
export interface RankedSample {
  readonly ranks: Uint32Array;
  readonly tiedPairs: number;
  /** Row order ascending by rank (stable). */
  readonly order: Uint32Array;
}

/**
 * Kendall's tau-b from dense ranks of two complete samples (no missing values).
 * The monotonicity matrix ranks each device once and calls this per pair.
 */
export function kendallFromRanks(x: RankedSample, y: RankedSample, dropped = 0): Correlation {
  const n = x.ranks.length;
  if (n < 2) return { value: Number.NaN, pairs: n, dropped, reason: "fewer than 2 pairs" };
  const n0 = (n * (n - 1)) / 2;
  if (x.tiedPairs === n0 || y.tiedPairs === n0) return { value: Number.NaN, pairs: n, dropped, reason: "constant column" };
  // stable sort of y's order by x: rows ordered by (x, y)
  const order = argsortUint32(x.ranks, y.order);
  const ys = new Uint32Array(n);
  let both = 0;
  let run = 1;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    ys[k] = y.ranks[i] as number;
    if (k > 0) {
      const p = order[k - 1] as number;
      if (x.ranks[i] === x.ranks[p] && y.ranks[i] === y.ranks[p]) run++;
      else {
        both += (run * (run - 1)) / 2;
        run = 1;
      }
    }
  }
  both += (run * (run - 1)) / 2;
  const discordant = mergeCountInversions(ys);
  const value = (n0 - x.tiedPairs - y.tiedPairs + both - 2 * discordant) / Math.sqrt((n0 - x.tiedPairs) * (n0 - y.tiedPairs));
  return { value: Math.max(-1, Math.min(1, value)), pairs: n, dropped };
}

/** Kendall's tau-b of complete samples (no NaN). */
export function kendallComplete(x: ArrayLike<number>, y: ArrayLike<number>, dropped = 0): Correlation {
  return kendallFromRanks(denseRanks(x), denseRanks(y), dropped);
}

/**
 * Kendall's tau-b with pairwise removal of missing values.
 *
 * @example
 * ```ts
 * kendall([1, 2, 3, 4], [1, 3, 2, 4]).value; // 0.6667
 * ```
 */
export function kendall(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  const p = pairwiseComplete(x, y, "kendall");
  return kendallComplete(p.x, p.y, p.dropped);
}
