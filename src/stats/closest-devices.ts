/**
 * Where a device sits among others in a monotonicity matrix: the candidate
 * that ranks most like it, the one that ranks least like it, and its mean
 * correlation with all of them (e.g. a local runtime among the public
 * devices).
 */
import { InvalidArgumentError } from "../errors.js";
import type { MonotonicityMatrix } from "./monotonicity-matrix.js";

/** One device's place among the candidates. */
export interface ClosestDevice {
  readonly device: string;
  readonly closest: string;
  readonly closestValue: number;
  readonly farthest: string;
  readonly farthestValue: number;
  /** Mean correlation with the candidates (NaN pairs left out). */
  readonly mean: number;
}

/**
 * For each device, its closest and farthest candidate (never itself) and
 * its mean correlation with the candidates.
 *
 * @throws {InvalidArgumentError} for a device or candidate not in the matrix, or a device with no candidate other than itself
 * @example
 * ```ts
 * closestDevices(monotonicityMatrix(local.join(help)), local.deviceNames, help.deviceNames)[0]; // { device: "node-wasm", closest: "...", ... }
 * ```
 */
export function closestDevices(m: MonotonicityMatrix, devices: readonly string[], candidates: readonly string[]): ClosestDevice[] {
  const at = (d: string) => {
    const i = m.devices.indexOf(d);
    if (i < 0) throw new InvalidArgumentError(`closestDevices: ${d} is not in the matrix; devices: ${m.devices.join(", ")}`);
    return i;
  };
  const cand = candidates.map((c) => ({ c, j: at(c) }));
  return devices.map((device) => {
    const i = at(device);
    const row = cand.filter(({ c }) => c !== device).map(({ c, j }) => ({ c, v: (m.matrix[i] as number[])[j] as number })).filter((x) => !Number.isNaN(x.v));
    if (!row.length) throw new InvalidArgumentError(`closestDevices: ${device} has no candidate other than itself with a correlation`);
    const sorted = [...row].sort((a, b) => b.v - a.v);
    const top = sorted[0] as { c: string; v: number };
    const bottom = sorted[sorted.length - 1] as { c: string; v: number };
    return { device, closest: top.c, closestValue: top.v, farthest: bottom.c, farthestValue: bottom.v, mean: row.reduce((s, x) => s + x.v, 0) / row.length };
  });
}
