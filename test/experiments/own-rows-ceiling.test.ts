import { describe, expect, it } from "vitest";
import { adaptContext } from "../../src/adapt/adapt.js";
import { loadTable } from "../../src/data/load.js";
import { ownRowsCeiling } from "../../src/experiments/own-rows-ceiling.js";
import { seededRng, shuffled } from "../../src/random.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("ownRowsCeiling", async () => {
  const help = await loadTable("help-nb201", { mirror: mirrorDir() });
  const ctx = adaptContext(help, ["pixel3"]);
  const oh = ctx.onehot;
  // a latency exactly log-linear in the one-hot columns (many architectures tie on it, so the rank correlation stops just short of 1)
  const linear = Float64Array.from({ length: help.rows }, (_, r) => {
    let s = 0;
    for (let j = 0; j < oh.cols; j++) s += (oh.data[r * oh.cols + j] as number) * (0.05 * ((j * 7) % 11));
    return Math.exp(s);
  });

  it("ranks a latency the features explain exactly, and not one they cannot explain", () => {
    expect(ownRowsCeiling(ctx, linear)).toBeGreaterThan(0.995);
    const scrambled = Float64Array.from(shuffled(seededRng(3), Array.from(linear)));
    expect(Math.abs(ownRowsCeiling(ctx, scrambled))).toBeLessThan(0.1);
    // a real device lies between
    const px2 = ownRowsCeiling(ctx, help.latency("pixel2"));
    expect(px2).toBeGreaterThan(0.5);
    expect(px2).toBeLessThan(0.999);
  });

  it("leaves out rows without a latency and does not mutate its input", () => {
    const gaps = linear.slice();
    for (let r = 0; r < gaps.length; r += 3) gaps[r] = Number.NaN;
    const copy = gaps.slice();
    expect(ownRowsCeiling(ctx, gaps)).toBeGreaterThan(0.995);
    expect(Array.from(gaps)).toEqual(Array.from(copy));
  });

  it("names bad input", () => {
    expect(() => ownRowsCeiling(ctx, [1, 2, 3])).toThrowError(/3 latencies for a context of 15625 rows/);
    const bad = linear.slice();
    bad[7] = -1;
    expect(() => ownRowsCeiling(ctx, bad)).toThrowError(/latency -1 at row 7; valid: a finite latency > 0 ms/);
    const few = new Float64Array(help.rows).fill(Number.NaN);
    for (let r = 0; r < 10; r++) few[r] = r + 1;
    expect(() => ownRowsCeiling(ctx, few)).toThrowError(/10 rows have a latency; need at least 20/);
  });
});
