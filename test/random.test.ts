import { describe, expect, it } from "vitest";
import { deriveSeed, seededRng, shuffled, standardNormal } from "../src/random.js";

describe("seededRng", () => {
  it("gives the same sequence for the same seed and different ones otherwise", () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.next())(seededRng(42)));
    const b = Array.from({ length: 5 }, ((r) => () => r.next())(seededRng(42)));
    const c = Array.from({ length: 5 }, ((r) => () => r.next())(seededRng(43)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it("int(n) is roughly uniform", () => {
    const r = seededRng(1);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 50_000; i++) counts[r.int(5)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    expect(() => r.int(0)).toThrowError(/not a positive integer/);
    expect(() => seededRng(1.5)).toThrowError(/seed 1.5 is not an integer/);
  });
  it("standardNormal has mean 0 and variance 1, and follows the seed", () => {
    const r = seededRng(7);
    const z = Array.from({ length: 40_000 }, () => standardNormal(r));
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    // about 95 % within 1.96
    expect(Math.abs(z.filter((v) => Math.abs(v) < 1.96).length / z.length - 0.95)).toBeLessThan(0.005);
    expect(standardNormal(seededRng(3))).toBe(standardNormal(seededRng(3)));
  });
  it("shuffled is a seeded permutation and leaves its input alone", () => {
    const items = [...Array(50).keys()];
    const a = shuffled(seededRng(9), items);
    expect(a).toEqual(shuffled(seededRng(9), items));
    expect(a).not.toEqual(items);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(items).toEqual([...Array(50).keys()]);
    expect(shuffled(seededRng(9), [])).toEqual([]);
  });
});

describe("deriveSeed", () => {
  it("maps a seed to a different 32-bit seed per stream, the same every time", () => {
    expect(deriveSeed(3, "bagging")).toBe(deriveSeed(3, "bagging"));
    expect(deriveSeed(3, "bagging")).not.toBe(deriveSeed(3, "scenarios"));
    expect(deriveSeed(3, "bagging")).not.toBe(deriveSeed(4, "bagging"));
    for (const s of [0, 1, 2 ** 31, -5]) expect(Number.isInteger(deriveSeed(s, "scenarios")) && Math.abs(deriveSeed(s, "scenarios")) <= 2 ** 31).toBe(true);
    // the streams' published constants: changing them would change every bagged and scenario result
    expect(deriveSeed(1, "bagging")).toBe((0x2c1b3c6d + 0x297a2d39) | 0);
    expect(deriveSeed(1, "scenarios")).toBe((0x2545f491 + 0x5ce4a71) | 0);
  });
});
