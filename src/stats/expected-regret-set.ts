/**
 * A Pareto set chosen for what it keeps when the latencies are uncertain.
 *
 * The true latencies are unknown; what is known is a set of scenarios, each
 * a plausible vector of them (for the one-proxy pipeline: the adapted
 * predictor refitted on random halves of the measured rows, so that the
 * scenarios disagree where K samples leave the predictor unsure, and
 * disagree together, region by region, as real prediction errors do). A set
 * S is worth, in scenario m at latency budget b, the best accuracy among
 * its rows that meet b there. The set is chosen greedily to maximise the
 * mean of that worth over scenarios and budgets, which is to minimise the
 * expected accuracy regret at those budgets:
 *
 *   value(S) = (1 / M) Σ_m Σ_b max { acc_r : r ∈ S, latency_m(r) <= b }.
 *
 * The value is monotone and submodular (a facility-location form), so the
 * greedy set is within 1 − 1/e of the best set of its size, and lazy
 * evaluation (a max-heap of stale gains) gives the same set as plain greedy.
 *
 * - Budgets: the percentiles 5, 10, ..., 95 (`percentiles`) of the center's
 *   latencies over the candidate rows. The fast end of a space is where the
 *   front is steep (a few points of accuracy per millisecond), so a row there
 *   is worth more than a near-duplicate at the slow end, where front rows
 *   differ by hundredths of a point: the greedy gain weighs exactly that.
 * - Candidates: the `pool` rows nearest to the center's front (in the order
 *   of {@link paretoBand}: by how much slower a row is predicted than its
 *   fastest more accurate row), and every scenario's own front.
 * - Rows in `known` (already measured) take their known latency in every
 *   scenario. Included rows are in the set first and count toward `maxRows`.
 * - When no candidate adds anything in any scenario, the rest of the budget
 *   is filled in the pool's order (nearest to the center's front first).
 * - A scenario latency that is not a positive finite number meets no budget.
 * - Ties between equal gains: the lower row index.
 */
import { InvalidArgumentError } from "../errors.js";
import { argsortFloat64 } from "./argsort.js";
import { fastestMoreAccurate } from "./fastest-more-accurate.js";
import { quantiles } from "./quantile.js";

/** Default budgets: percentiles 5..95 of the center's latencies. */
export const EXPECTED_REGRET_PERCENTILES: readonly number[] = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);

/** Options of {@link expectedRegretSet}. */
export interface ExpectedRegretOptions {
  /** Rows always in the set (e.g. rows already measured); they count toward `maxRows`. */
  readonly include?: readonly number[];
  /** Latencies known exactly (row -> ms), used in every scenario. */
  readonly known?: ReadonlyMap<number, number>;
  /** Budgets as percentiles (in (0, 1)) of the center's latencies (default `EXPECTED_REGRET_PERCENTILES`). */
  readonly percentiles?: readonly number[];
  /** Candidates screened from the center (default max(1,500, 15 x maxRows)). */
  readonly pool?: number;
}

/** The set, the budgets and what the greedy picks were worth. */
export interface ExpectedRegretSet {
  readonly rows: number[];
  /** Latency budgets (ms), increasing. */
  readonly budgets: number[];
  /**
   * Expected best accuracy of the set at each budget (mean over scenarios;
   * the lowest candidate accuracy where no set row meets the budget).
   */
  readonly expectedBest: number[];
}

/** A max-heap of (gain, row): larger gain first, then the lower row. */
class GainHeap {
  private readonly g: number[] = [];
  private readonly r: number[] = [];
  get size(): number {
    return this.g.length;
  }
  private above(i: number, j: number): boolean {
    return (this.g[i] as number) > (this.g[j] as number) || ((this.g[i] as number) === (this.g[j] as number) && (this.r[i] as number) < (this.r[j] as number));
  }
  private swap(i: number, j: number): void {
    [this.g[i], this.g[j]] = [this.g[j] as number, this.g[i] as number];
    [this.r[i], this.r[j]] = [this.r[j] as number, this.r[i] as number];
  }
  push(gain: number, row: number): void {
    this.g.push(gain);
    this.r.push(row);
    let i = this.g.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  /** Whether (gain, row) comes before the top of the heap. */
  beats(gain: number, row: number): boolean {
    const g0 = this.g[0] as number;
    return gain > g0 || (gain === g0 && row < (this.r[0] as number));
  }
  pop(): { gain: number; row: number } {
    const top = { gain: this.g[0] as number, row: this.r[0] as number };
    const lastG = this.g.pop() as number;
    const lastR = this.r.pop() as number;
    if (this.g.length) {
      this.g[0] = lastG;
      this.r[0] = lastR;
      let i = 0;
      for (;;) {
        const a = 2 * i + 1;
        const b = a + 1;
        let m = i;
        if (a < this.g.length && this.above(a, m)) m = a;
        if (b < this.g.length && this.above(b, m)) m = b;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

/** Rows on the front of one scenario: by increasing latency, each more accurate than every faster row (rows of equal latency may all be kept: a superset does no harm to a candidate list). */
function scenarioFront(latency: ArrayLike<number>, accuracy: ArrayLike<number>, rows: readonly number[]): number[] {
  const ok = rows.filter((r) => (latency[r] as number) > 0 && Number.isFinite(latency[r] as number));
  const order = argsortFloat64(ok.map((r) => latency[r] as number));
  const front: number[] = [];
  let best = Number.NEGATIVE_INFINITY;
  for (const i of order) {
    const r = ok[i] as number;
    if ((accuracy[r] as number) > best) {
      front.push(r);
      best = accuracy[r] as number;
    }
  }
  return front;
}

/**
 * The `maxRows` rows that keep the most expected accuracy within latency
 * budgets over the given latency scenarios.
 *
 * @param center - the best single guess of every row's latency (ms); screens the candidates and sets the budgets
 * @param scenarios - plausible latency vectors (ms), each as long as `center`
 * @throws {InvalidArgumentError} for unpaired columns, no scenario, a budget below 1, percentiles outside (0, 1), or an included row out of range
 * @example
 * ```ts
 * const { rows } = expectedRegretSet(predicted, [refit1, refit2, refit3], accuracy, 80, { include: measured, known });
 * ```
 */
export function expectedRegretSet(center: ArrayLike<number>, scenarios: readonly ArrayLike<number>[], accuracy: ArrayLike<number>, maxRows: number, options: ExpectedRegretOptions = {}): ExpectedRegretSet {
  const n = center.length;
  if (n !== accuracy.length) throw new InvalidArgumentError(`expectedRegretSet: ${n} latencies and ${accuracy.length} accuracies; they must be paired`);
  if (scenarios.length === 0) throw new InvalidArgumentError("expectedRegretSet: no scenario given; pass at least one latency vector");
  scenarios.forEach((s, m) => {
    if (s.length !== n) throw new InvalidArgumentError(`expectedRegretSet: scenario ${m} has ${s.length} latencies for ${n} rows`);
  });
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new InvalidArgumentError(`expectedRegretSet: maxRows ${maxRows} must be a positive integer`);
  const include = options.include ?? [];
  for (const r of include) if (!Number.isInteger(r) || r < 0 || r >= n) throw new InvalidArgumentError(`expectedRegretSet: included row ${r} is not in 0..${n - 1}`);
  const percentiles = options.percentiles ?? EXPECTED_REGRET_PERCENTILES;
  if (percentiles.length === 0 || percentiles.some((p) => !(p > 0 && p < 1))) throw new InvalidArgumentError(`expectedRegretSet: percentiles ${JSON.stringify(percentiles)} must be non-empty and each in (0, 1)`);
  const known = options.known ?? new Map<number, number>();
  for (const [r, v] of known) {
    if (!Number.isInteger(r) || r < 0 || r >= n) throw new InvalidArgumentError(`expectedRegretSet: known row ${r} is not in 0..${n - 1}`);
    if (typeof v !== "number") throw new InvalidArgumentError(`expectedRegretSet: known latency of row ${r} is ${String(v)}; valid: a number of ms`);
  }
  const poolSize = options.pool ?? Math.max(1500, 15 * maxRows);
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new InvalidArgumentError(`expectedRegretSet: pool ${poolSize} must be a positive integer`);

  const { rows: valid, logLatency, fastestBetter } = fastestMoreAccurate(center, accuracy);
  const margin = valid.map((r) => (logLatency[r] as number) - (fastestBetter[r] as number));
  const screen = Array.from(argsortFloat64(margin).subarray(0, poolSize), (i) => valid[i] as number);
  const candidates = new Set<number>(screen);
  for (const s of scenarios) for (const r of scenarioFront(s, accuracy, valid)) candidates.add(r);

  const budgets = quantiles(valid.map((r) => center[r] as number), percentiles);
  const g = budgets.length;
  const m = scenarios.length;
  let lowest = Number.POSITIVE_INFINITY;
  for (const r of valid) lowest = Math.min(lowest, accuracy[r] as number);
  if (!Number.isFinite(lowest)) lowest = 0;
  const best = new Float64Array(m * g).fill(lowest);
  /** Per candidate and scenario: the first budget the row meets (g: none). */
  const first = new Map<number, Uint16Array>();
  const firstBudget = (l: number): number => {
    if (!(l > 0) || !Number.isFinite(l)) return g;
    let lo = 0;
    let hi = g;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((budgets[mid] as number) < l) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const r of new Set([...candidates, ...include])) {
    if (Number.isNaN(accuracy[r] as number)) continue;
    const f = new Uint16Array(m);
    const k = known.get(r);
    for (let s = 0; s < m; s++) f[s] = firstBudget(k === undefined ? ((scenarios[s] as ArrayLike<number>)[r] as number) : k);
    first.set(r, f);
  }
  const gain = (r: number): number => {
    const f = first.get(r) as Uint16Array;
    const a = accuracy[r] as number;
    let total = 0;
    for (let s = 0; s < m; s++) {
      const base = s * g;
      for (let b = f[s] as number; b < g; b++) {
        const d = a - (best[base + b] as number);
        if (d > 0) total += d;
      }
    }
    return total;
  };
  const set = new Set<number>();
  const add = (r: number): void => {
    set.add(r);
    const f = first.get(r);
    if (!f) return;
    const a = accuracy[r] as number;
    for (let s = 0; s < m; s++) {
      const base = s * g;
      for (let b = f[s] as number; b < g; b++) if (a > (best[base + b] as number)) best[base + b] = a;
    }
  };
  for (const r of include) add(r);

  const heap = new GainHeap();
  for (const r of first.keys()) if (!set.has(r)) heap.push(gain(r), r);
  while (set.size < maxRows && heap.size > 0) {
    const top = heap.pop();
    const fresh = gain(top.row);
    if (heap.size === 0 || heap.beats(fresh, top.row)) {
      if (!(fresh > 0)) break;
      add(top.row);
    } else heap.push(fresh, top.row);
  }
  for (const r of screen) {
    if (set.size >= maxRows) break;
    set.add(r);
  }
  const expectedBest: number[] = [];
  for (let b = 0; b < g; b++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += best[k * g + b] as number;
    expectedBest.push(s / m);
  }
  return { rows: [...set], budgets, expectedBest };
}
