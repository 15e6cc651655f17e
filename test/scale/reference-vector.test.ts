import { describe, expect, it } from "vitest";
import { referenceVector } from "../../src/scale/reference-vector.js";

describe("referenceVector", () => {
  it("is the centred log latencies, so that a device k times slower has the same vector", () => {
    const v = referenceVector([2, 4, 8], "d");
    expect(Array.from(v.features).map((x) => +x.toFixed(12))).toEqual([-Math.log(2), 0, Math.log(2)].map((x) => +x.toFixed(12)));
    expect(v.offset).toBeCloseTo(Math.log(4), 12);
    const slow = referenceVector([6, 12, 24], "d");
    slow.features.forEach((x, i) => expect(x).toBeCloseTo(v.features[i] as number, 12));
    expect(slow.offset - v.offset).toBeCloseTo(Math.log(3), 12);
  });
  it("refuses NaN, zero, negative and infinite latencies, naming the position and what is valid", () => {
    expect(() => referenceVector([1, Number.NaN], "mine.csv")).toThrowError(/mine\.csv: reference latency 2 of 2 is NaN; valid: a finite latency > 0 ms/);
    expect(() => referenceVector([0, 1], "x")).toThrowError(/reference latency 1 of 2 is 0/);
    expect(() => referenceVector([-1, 1], "x")).toThrowError(/is -1/);
    expect(() => referenceVector([Number.POSITIVE_INFINITY], "x")).toThrowError(/is Infinity/);
    expect(() => referenceVector([], "x")).toThrowError(/no reference latencies/);
  });
});
