/**
 * The latency measurement protocol: warm-up runs, then timed runs until both
 * a minimum count and a time budget are reached (or a maximum count), each
 * paired with a run of a fixed reference network; the statistics are the
 * median, the median absolute deviation (MAD) and the coefficient of
 * variation, of the network's own run times and of the per-pair ratios. Outlier runs (further than `outlierMads` scaled
 * MADs from the median) are counted and flagged, never removed: the median is
 * already robust to them. A run slower than `timeoutMs` stops the
 * measurement of that architecture with a {@link MeasurementError}.
 */
import { ExecutionError, InvalidArgumentError } from "../errors.js";
import { quantiles } from "../stats/quantile.js";

/** Settings of the protocol (all recorded with every measurement). */
export interface MeasureProtocol {
  /** Before the first architecture, run a network untimed for this long, so that the JavaScript engine has compiled the runtime's hot paths (default 3,000 ms; without it the first architectures measure slower). */
  readonly processWarmupMs: number;
  /**
   * Separate passes over the whole list, each building the network anew
   * (default 2). A disturbance of the machine then hits one pass of an
   * architecture, not all. The latency is the median over passes.
   */
  readonly passes: number;
  /**
   * Alternate every timed run with a run of a fixed reference network, and
   * take the latency from the ratio (default true). The speed of a shared or
   * virtual machine drifts (measured here: the reference's median over 12 runs
   * ranged from 6.8 to 19.9 ms within one minute); adjacent runs share the
   * drift, so the ratio cancels it. On 60 architectures measured twice, the
   * SRCC between the two runs was 0.993 with pairing and 0.805 without.
   */
  readonly paired: boolean;
  /** Untimed runs of each architecture first, in every pass (default 2). */
  readonly warmup: number;
  /** Timed runs at least (default 10). */
  readonly minRuns: number;
  /** Timed runs at most (default 100). */
  readonly maxRuns: number;
  /** Keep timing until this much time is spent on timed runs (default 100 ms per pass), within minRuns..maxRuns. */
  readonly budgetMs: number;
  /** A single run longer than this fails the architecture (default 30,000 ms). */
  readonly timeoutMs: number;
  /** Images per inference (default 1). */
  readonly batchSize: number;
  /** A run is an outlier beyond this many scaled MADs (1.4826 x MAD, at least 1 % of the median) from the median (default 5). */
  readonly outlierMads: number;
  /** An architecture is flagged unstable when its coefficient of variation exceeds this (default 0.2). */
  readonly unstableCv: number;
  /**
   * Paired protocol: measure an architecture-pass again when the reference's
   * median in it is more than this factor above the reference's typical
   * median (the median of the reference medians of this runtime's earlier
   * records in the file and of this run's attempts; from the third on); 0
   * turns the guard off (default 1.1). The ratio cancels a uniform slow-down
   * of the machine but not a disturbance that slows large networks more than
   * the small reference (measured here on 224 x 224 ProxylessNAS networks:
   * the network slowed 1.24 times as much as the reference, in log).
   */
  readonly referenceGuard: number;
  /** At most this many re-measurements of a disturbed architecture-pass, after pauses of 1, 2, 4, ... s; then the attempt with the fastest reference is kept and flagged `disturbed` (default 5). */
  readonly guardRetries: number;
}

/**
 * Defaults of {@link MeasureProtocol}.
 *
 * @example
 * ```ts
 * await measureInNode({ ...run, protocol: { ...DEFAULT_PROTOCOL, passes: 2 } });
 * ```
 */
export const DEFAULT_PROTOCOL: MeasureProtocol = {
  processWarmupMs: 3000,
  passes: 2,
  paired: true,
  warmup: 2,
  minRuns: 10,
  maxRuns: 100,
  budgetMs: 100,
  timeoutMs: 30_000,
  batchSize: 1,
  outlierMads: 5,
  unstableCv: 0.2,
  referenceGuard: 1.1,
  guardRetries: 5,
};

/**
 * The value of each setting added after the first files were written, as
 * those files were measured: a file without the setting was measured with it
 * off.
 */
export const LEGACY_PROTOCOL: Partial<MeasureProtocol> = { referenceGuard: 0, guardRetries: 0 };

/** Statistics of the timed runs of one architecture. */
export interface RunStats {
  /** Median run time (the reported latency), ms. */
  readonly medianMs: number;
  /** Median absolute deviation from the median, ms. */
  readonly madMs: number;
  /** Standard deviation over mean of the timed runs. */
  readonly cv: number;
  readonly meanMs: number;
  readonly minMs: number;
  /** Timed runs. */
  readonly runs: number;
  /** Runs beyond `outlierMads` scaled MADs of the median. */
  readonly outliers: number;
  /** Why the measurement is suspect (empty when it is not): `"unstable"` (CV above `unstableCv`), `"outliers"` (more than 10 % outlier runs). */
  readonly flags: readonly string[];
}

/**
 * A failed or timed-out measurement; the architecture is kept as missing with this reason.
 *
 * @example
 * ```ts
 * if (e instanceof MeasurementError) console.log(`kept as missing: ${e.message}`);
 * ```
 */
export class MeasurementError extends ExecutionError {
  override readonly name = "MeasurementError";
}

/**
 * Validates a partial protocol and fills the defaults.
 *
 * @throws {InvalidArgumentError} naming the setting and its valid range
 * @example
 * ```ts
 * resolveProtocol({ minRuns: 10 }).maxRuns; // 50
 * ```
 */
export function resolveProtocol(partial: Partial<MeasureProtocol> = {}): MeasureProtocol {
  const p = { ...DEFAULT_PROTOCOL, ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) } as MeasureProtocol;
  const check = (name: keyof MeasureProtocol, ok: boolean, valid: string) => {
    if (!ok) throw new InvalidArgumentError(`measure protocol: ${name} = ${String(p[name])} is not valid; expected ${valid}`);
  };
  check("processWarmupMs", Number.isFinite(p.processWarmupMs) && p.processWarmupMs >= 0, "a number of ms >= 0");
  check("passes", Number.isInteger(p.passes) && p.passes >= 1, "an integer >= 1");
  check("paired", typeof p.paired === "boolean", "true or false");
  check("warmup", Number.isInteger(p.warmup) && p.warmup >= 0, "an integer >= 0");
  check("minRuns", Number.isInteger(p.minRuns) && p.minRuns >= 1, "an integer >= 1");
  check("maxRuns", Number.isInteger(p.maxRuns) && p.maxRuns >= p.minRuns, `an integer >= minRuns (${p.minRuns})`);
  check("budgetMs", Number.isFinite(p.budgetMs) && p.budgetMs >= 0, "a number of ms >= 0");
  check("timeoutMs", Number.isFinite(p.timeoutMs) && p.timeoutMs > 0, "a number of ms > 0");
  check("batchSize", Number.isInteger(p.batchSize) && p.batchSize >= 1, "an integer >= 1");
  check("outlierMads", Number.isFinite(p.outlierMads) && p.outlierMads > 0, "a number > 0");
  check("unstableCv", Number.isFinite(p.unstableCv) && p.unstableCv > 0, "a number > 0");
  check("referenceGuard", Number.isFinite(p.referenceGuard) && (p.referenceGuard === 0 || p.referenceGuard > 1), "0 (off) or a factor > 1, e.g. 1.1");
  check("guardRetries", Number.isInteger(p.guardRetries) && p.guardRetries >= 0 && p.guardRetries <= 10, "an integer in 0..10");
  return p;
}

/**
 * Statistics of timed runs (a pure function of the times).
 *
 * @throws {InvalidArgumentError} for no runs or a time that is not a finite number >= 0
 * @example
 * ```ts
 * runStats([10, 11, 10, 50, 10]).medianMs; // 10
 * ```
 */
export function runStats(times: readonly number[], protocol: MeasureProtocol = DEFAULT_PROTOCOL): RunStats {
  if (times.length === 0) throw new InvalidArgumentError("runStats: no timed runs");
  times.forEach((t, i) => {
    if (!Number.isFinite(t) || t < 0) throw new InvalidArgumentError(`runStats: run ${i} took ${t} ms; expected a finite time >= 0`);
  });
  const [median] = quantiles(times, [0.5]) as [number];
  const [mad] = quantiles(times.map((t) => Math.abs(t - median)), [0.5]) as [number];
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const sd = Math.sqrt(times.reduce((s, t) => s + (t - mean) ** 2, 0) / Math.max(1, times.length - 1));
  const cv = mean > 0 ? sd / mean : 0;
  // The scale has a floor of 1 % of the median: with a coarse clock the MAD can be 0.
  const limit = protocol.outlierMads * Math.max(1.4826 * mad, 0.01 * median);
  const outliers = times.filter((t) => Math.abs(t - median) > limit).length;
  const flags: string[] = [];
  if (cv > protocol.unstableCv) flags.push("unstable");
  if (outliers > 0.1 * times.length) flags.push("outliers");
  return { medianMs: median, madMs: mad, cv, meanMs: mean, minMs: Math.min(...times), runs: times.length, outliers, flags };
}

/**
 * Times a run function under the protocol. `run` must finish the inference
 * (read the output back) before it returns.
 *
 * @param clock - ms clock (default `performance.now`), replaceable in tests
 * @throws {MeasurementError} when a run throws or exceeds `timeoutMs` (the architecture is then missing, with this reason)
 * @example
 * ```ts
 * const stats = await timeInference(() => { const y = model.predict(x) as Tensor; y.dataSync(); y.dispose(); });
 * ```
 */
export async function timeInference(run: () => unknown, protocol: MeasureProtocol = DEFAULT_PROTOCOL, clock: () => number = () => performance.now()): Promise<RunStats> {
  return (await timePaired(run, undefined, protocol, clock)).stats;
}

/** The result of `timePaired`. */
export interface PairedStats {
  /** The measured network's own runs. */
  readonly stats: RunStats;
  /** With a reference: statistics of the per-pair ratios (measured / reference). */
  readonly ratio?: RunStats;
  /** With a reference: the median of the reference's runs, ms. */
  readonly referenceMs?: number;
}

/**
 * Times a run function, each timed run followed by a run of the reference
 * (when given), under the protocol.
 *
 * @throws {MeasurementError} when a run of the measured network throws or exceeds `timeoutMs`
 * @example
 * ```ts
 * const { stats, ratio } = await timePaired(runArch, runReference);
 * ```
 */
export async function timePaired(run: () => unknown, reference: (() => unknown) | undefined, protocol: MeasureProtocol = DEFAULT_PROTOCOL, clock: () => number = () => performance.now()): Promise<PairedStats> {
  const once = async (f: () => unknown, what: string, i: number, timed: boolean): Promise<number> => {
    const t0 = clock();
    try {
      await f();
    } catch (e) {
      throw new MeasurementError(`${timed ? "timed" : "warm-up"} run ${i}${what} failed: ${(e as Error).message}`, { cause: e });
    }
    const dt = clock() - t0;
    if (dt > protocol.timeoutMs) throw new MeasurementError(`${timed ? "timed" : "warm-up"} run ${i}${what} took ${dt.toFixed(0)} ms, over the timeout of ${protocol.timeoutMs} ms`);
    return dt;
  };
  for (let i = 0; i < protocol.warmup; i++) {
    await once(run, "", i, false);
    if (reference) await once(reference, " of the reference", i, false);
  }
  const times: number[] = [];
  const refs: number[] = [];
  let spent = 0;
  while (times.length < protocol.maxRuns && (times.length < protocol.minRuns || spent < protocol.budgetMs)) {
    const dt = await once(run, "", times.length, true);
    if (reference) refs.push(await once(reference, " of the reference", times.length, true));
    times.push(dt);
    spent += dt;
  }
  const stats = runStats(times, protocol);
  if (!reference) return { stats };
  const ratios = times.map((t, i) => t / Math.max(refs[i] as number, 1e-9));
  return { stats, ratio: runStats(ratios, protocol), referenceMs: runStats(refs, protocol).medianMs };
}

/** The reference medians the guard's typical value is taken over (the most recent ones). */
const GUARD_HISTORY = 200;

/**
 * The reference medians a measurement session has seen (the most recent
 * 200), and their typical value: what {@link timeGuarded} compares each
 * attempt with.
 *
 * @example
 * ```ts
 * const h = new ReferenceHistory([27.9, 28.1, 28.0]);
 * h.typical(); // 28
 * ```
 */
export class ReferenceHistory {
  private readonly values: number[];

  /** @param prior - earlier reference medians (e.g. the file's records of this runtime); values that are not finite and > 0 are ignored */
  constructor(prior: readonly number[] = []) {
    this.values = prior.filter((v) => Number.isFinite(v) && v > 0).slice(-GUARD_HISTORY);
  }

  /** Adds a reference median. */
  add(v: number): void {
    this.values.push(v);
    if (this.values.length > GUARD_HISTORY) this.values.shift();
  }

  /** The median of the history, or undefined with fewer than 3 values. */
  typical(): number | undefined {
    return this.values.length >= 3 ? (quantiles(this.values, [0.5])[0] as number) : undefined;
  }
}

/** The result of {@link timeGuarded}: the kept attempt and the reference medians of the discarded ones. */
export interface GuardedStats extends PairedStats {
  readonly disturbedReferenceMs: readonly number[];
}

/**
 * Runs a paired measurement again while its reference says the machine is
 * disturbed: an attempt whose reference median exceeds
 * `protocol.referenceGuard` times the history's typical value is discarded
 * (its reference median kept in `disturbedReferenceMs`), and after a pause of
 * 1, 2, 4, ... s measured again, at most `protocol.guardRetries` times; when
 * every attempt is disturbed, the one with the fastest reference is kept with
 * the flag `disturbed`. Every attempt's reference median joins the history.
 *
 * @param attempt - one paired measurement (e.g. `() => timePaired(run, ref, protocol)`)
 * @param pause - waits between attempts (a timer; replaceable in tests)
 * @example
 * ```ts
 * const r = await timeGuarded(() => timePaired(run, ref, protocol), history, protocol, (ms) => new Promise((f) => setTimeout(f, ms)));
 * ```
 */
export async function timeGuarded(attempt: () => Promise<PairedStats>, history: ReferenceHistory, protocol: MeasureProtocol, pause: (ms: number) => Promise<void>): Promise<GuardedStats> {
  const discarded: PairedStats[] = [];
  const refOf = (r: PairedStats): number => {
    if (r.referenceMs === undefined) throw new InvalidArgumentError("timeGuarded: the attempt has no reference median; the guard needs the paired protocol");
    return r.referenceMs;
  };
  for (let i = 0; ; i++) {
    const r = await attempt();
    const base = history.typical();
    history.add(refOf(r));
    const disturbed = protocol.referenceGuard > 0 && base !== undefined && refOf(r) > protocol.referenceGuard * base;
    if (!disturbed) return { ...r, disturbedReferenceMs: discarded.map(refOf) };
    if (i >= protocol.guardRetries) {
      const all = [...discarded, r];
      const best = all.reduce((a, b) => (refOf(b) < refOf(a) ? b : a));
      return { ...best, stats: { ...best.stats, flags: [...best.stats.flags, "disturbed"] }, disturbedReferenceMs: all.filter((d) => d !== best).map(refOf) };
    }
    discarded.push(r);
    await pause(1000 * 2 ** i);
  }
}
