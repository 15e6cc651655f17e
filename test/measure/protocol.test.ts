import { describe, expect, it } from "vitest";
import { DEFAULT_PROTOCOL, MeasurementError, ReferenceHistory, resolveProtocol, runStats, timeGuarded, timeInference, timePaired, type PairedStats } from "../../src/measure/protocol.js";

/** A clock that advances by the given durations, one per run (start and end read per run). */
function fakeClock(durations: number[]): { clock: () => number; run: () => void } {
  let now = 0;
  let i = 0;
  return { clock: () => now, run: () => void (now += durations[i++ % durations.length] as number) };
}

describe("runStats", () => {
  it("median, MAD, CV; outliers counted and flagged, never removed", () => {
    const s = runStats([10, 10, 10.2, 9.8, 10, 10, 10, 10, 10, 40]);
    expect(s.medianMs).toBe(10);
    expect(s.madMs).toBe(0);
    expect(s.runs).toBe(10);
    // floor of the scale: 1 % of the median (5 x 0.1 ms), so 40 is an outlier and 9.8 and 10.2 are not
    expect(s.outliers).toBe(1);
    expect(s.meanMs).toBeCloseTo(13, 10);
    expect(s.cv).toBeGreaterThan(0.2);
    expect(s.flags).toEqual(["unstable"]);
    const noisy = runStats([10, 30, 10, 30, 10, 30, 10, 30, 10, 30, 200, 300]);
    expect(noisy.flags).toContain("unstable");
    expect(runStats([5, 5, 5]).flags).toEqual([]);
  });
  it("rejects empty and invalid times", () => {
    expect(() => runStats([])).toThrow(/no timed runs/);
    expect(() => runStats([1, Number.NaN])).toThrow(/run 1 took NaN ms/);
    expect(() => runStats([1, -2])).toThrow(/run 1 took -2 ms/);
  });
});

describe("timeInference", () => {
  it("warm-up runs are untimed; timed runs until minRuns and the budget, at most maxRuns", async () => {
    const p = resolveProtocol({ warmup: 2, minRuns: 3, maxRuns: 100, budgetMs: 50 });
    const { clock, run } = fakeClock([1000, 1000, 10]);
    // warm-ups take 1000 ms each and are not counted; then 10 ms runs... the cycle gives 1000 ms every third run
    const s = await timeInference(run, p, clock);
    expect(s.runs).toBeGreaterThanOrEqual(3);
    const fast = fakeClock([7]);
    const t = await timeInference(fast.run, resolveProtocol({ warmup: 0, minRuns: 2, maxRuns: 4, budgetMs: 1e9 }), fast.clock);
    expect(t.runs).toBe(4);
    expect(t.medianMs).toBe(7);
    const slow = fakeClock([100]);
    expect((await timeInference(slow.run, resolveProtocol({ warmup: 0, minRuns: 2, maxRuns: 50, budgetMs: 250 }), slow.clock)).runs).toBe(3);
  });
  it("a failing or timed-out run is a MeasurementError with the reason", async () => {
    await expect(timeInference(() => { throw new Error("out of memory"); })).rejects.toThrow(MeasurementError);
    await expect(timeInference(() => { throw new Error("out of memory"); })).rejects.toThrow(/warm-up run 0 failed: out of memory/);
    const { clock, run } = fakeClock([5, 5, 5, 99999]);
    await expect(timeInference(run, resolveProtocol({ warmup: 0, minRuns: 10, timeoutMs: 1000 }), clock)).rejects.toThrow(/timed run 3 took 99999 ms, over the timeout of 1000 ms/);
  });
});

describe("resolveProtocol", () => {
  it("fills defaults and names invalid settings", () => {
    expect(resolveProtocol()).toEqual(DEFAULT_PROTOCOL);
    expect(resolveProtocol({ minRuns: 9, maxRuns: undefined }).maxRuns).toBe(DEFAULT_PROTOCOL.maxRuns);
    expect(() => resolveProtocol({ minRuns: 0 })).toThrow(/minRuns = 0/);
    expect(() => resolveProtocol({ minRuns: 10, maxRuns: 5 })).toThrow(/maxRuns = 5 is not valid; expected an integer >= minRuns \(10\)/);
    expect(() => resolveProtocol({ passes: 0 })).toThrow(/passes = 0/);
    expect(() => resolveProtocol({ budgetMs: Number.NaN })).toThrow(/budgetMs = NaN/);
    expect(() => resolveProtocol({ referenceGuard: 1 })).toThrow(/referenceGuard = 1 is not valid; expected 0 \(off\) or a factor > 1/);
    expect(() => resolveProtocol({ guardRetries: 11 })).toThrow(/guardRetries = 11/);
    expect(resolveProtocol({ referenceGuard: 0 }).referenceGuard).toBe(0);
  });
});

/** A paired result with this reference median and a ratio of 4. */
function attemptWith(referenceMs: number): PairedStats {
  const stats = runStats([4 * referenceMs]);
  return { stats, ratio: runStats([4]), referenceMs };
}

describe("ReferenceHistory", () => {
  it("is typical from the third value on, over the most recent 200, ignoring values that are not > 0", () => {
    const h = new ReferenceHistory([10, Number.NaN, -1]);
    expect(h.typical()).toBeUndefined();
    h.add(12);
    expect(h.typical()).toBeUndefined();
    h.add(30);
    expect(h.typical()).toBe(12);
    const long = new ReferenceHistory(Array(300).fill(5));
    for (let i = 0; i < 199; i++) long.add(50);
    expect(long.typical()).toBe(50);
  });
});

describe("timeGuarded", () => {
  const protocol = resolveProtocol({ referenceGuard: 1.1, guardRetries: 3 });
  const run = (refs: number[]) => {
    const pauses: number[] = [];
    let i = 0;
    const history = new ReferenceHistory([20, 20, 20]);
    const go = timeGuarded(async () => attemptWith(refs[i++] as number), history, protocol, async (ms) => void pauses.push(ms));
    return { go, pauses, attempts: () => i, history };
  };

  it("keeps an attempt within the guard at once", async () => {
    const r = run([21.9]);
    const out = await r.go;
    expect(out.referenceMs).toBe(21.9);
    expect(out.disturbedReferenceMs).toEqual([]);
    expect(out.stats.flags).toEqual([]);
    expect(r.pauses).toEqual([]);
  });

  it("measures a disturbed attempt again after growing pauses, and records what it discarded", async () => {
    const r = run([30, 25, 21]);
    const out = await r.go;
    expect(out.referenceMs).toBe(21);
    expect(out.disturbedReferenceMs).toEqual([30, 25]);
    expect(r.pauses).toEqual([1000, 2000]);
    expect(r.attempts()).toBe(3);
  });

  it("after every retry disturbed, keeps the fastest reference's attempt flagged disturbed", async () => {
    const r = run([30, 26, 40, 28]);
    const out = await r.go;
    expect(r.attempts()).toBe(4);
    expect(out.referenceMs).toBe(26);
    expect(out.stats.flags).toEqual(["disturbed"]);
    expect(out.disturbedReferenceMs).toEqual([30, 40, 28]);
    expect(r.pauses).toEqual([1000, 2000, 4000]);
  });

  it("is off with referenceGuard 0, and needs a typical value first", async () => {
    const h = new ReferenceHistory();
    const off = await timeGuarded(async () => attemptWith(99), new ReferenceHistory([1, 1, 1]), resolveProtocol({ referenceGuard: 0 }), async () => {});
    expect(off.referenceMs).toBe(99);
    for (const ref of [10, 50, 90]) expect((await timeGuarded(async () => attemptWith(ref), h, protocol, async () => {})).disturbedReferenceMs).toEqual([]);
    expect(h.typical()).toBe(50);
  });

  it("an attempt without a reference is an error naming the paired protocol", async () => {
    await expect(timeGuarded(async () => ({ stats: runStats([1]) }), new ReferenceHistory(), protocol, async () => {})).rejects.toThrow(/needs the paired protocol/);
  });
});

describe("timePaired", () => {
  it("alternates measured and reference runs; the ratio cancels a drift of the machine's speed", async () => {
    // the machine slows down 3x halfway; the measured network costs 2 units, the reference 1
    let now = 0;
    let k = 0;
    const speed = () => (k++ < 10 ? 1 : 3);
    const run = () => void (now += 2 * speed());
    const ref = () => void (now += 1 * speed());
    const r = await timePaired(run, ref, resolveProtocol({ warmup: 0, minRuns: 10, maxRuns: 10 }), () => now);
    expect(r.stats.runs).toBe(10);
    expect(r.ratio?.medianMs).toBe(2);
    expect(r.ratio?.madMs).toBe(0);
    expect(r.stats.madMs).toBeGreaterThan(0); // the raw times drift
    expect(r.referenceMs).toBeGreaterThan(0);
    const unpaired = await timePaired(run, undefined, resolveProtocol({ warmup: 0, minRuns: 3, maxRuns: 3 }), () => now);
    expect(unpaired.ratio).toBeUndefined();
  });
  it("a failing reference run names the reference", async () => {
    await expect(timePaired(() => undefined, () => { throw new Error("boom"); })).rejects.toThrow(/warm-up run 0 of the reference failed: boom/);
  });
});
