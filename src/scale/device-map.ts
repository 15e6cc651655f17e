/**
 * The device map: devices placed in 2-D by their reference vectors (the first
 * two principal components of the known devices' vectors), so that devices
 * whose latencies on the reference architectures vary alike sit together.
 */
import { InvalidArgumentError } from "../errors.js";
import type { LatencyTable } from "../data/latency-table.js";
import { deviceFamily } from "../data/devices.js";
import { powerIteration } from "../predict/power-iteration.js";
import { referenceVector } from "./reference-vector.js";

/** One device on the map. */
export interface DeviceMapPoint {
  readonly device: string;
  /** The hardware family of a public dataset's column, else `undefined` (e.g. a runtime you measured). */
  readonly family: string | undefined;
  readonly x: number;
  readonly y: number;
}

/** The map: the known devices' points, and a projection for any other device's reference latencies. */
export interface DeviceMap {
  readonly points: readonly DeviceMapPoint[];
  /** Devices left off the map because they lack a latency on a reference row. */
  readonly leftOut: readonly string[];
  /** Share of the known vectors' variance along each axis. */
  readonly explained: readonly [number, number];
  /** Places a device from its latencies (ms) on the reference rows, in order. */
  project(device: string, referenceMs: ArrayLike<number>): DeviceMapPoint;
}

/**
 * The map of a table's devices with a latency on every reference row (the
 * others are listed in `leftOut`).
 *
 * @throws {InvalidArgumentError} for fewer than 3 devices with all reference latencies
 * @example
 * ```ts
 * const { rows } = await referenceRows(help, { pool: [] });
 * const map = deviceMap(help, rows);
 * map.project("node-wasm", myLatencies);
 * ```
 */
export function deviceMap(table: LatencyTable, references: readonly number[], devices: readonly string[] = table.deviceNames): DeviceMap {
  const known = devices.filter((d) => references.every((r) => (table.latencyView(d)[r] as number) > 0));
  if (known.length < 3) throw new InvalidArgumentError(`deviceMap: ${known.length} devices of ${table.source} have a latency on every reference row; need at least 3`);
  const dim = references.length;
  const vecs = known.map((d) => referenceVector(references.map((r) => table.latencyView(d)[r] as number), d).features);
  const mean = new Float64Array(dim);
  for (const v of vecs) for (let i = 0; i < dim; i++) mean[i] = (mean[i] as number) + (v[i] as number) / vecs.length;
  const centred = vecs.map((v) => v.map((x, i) => x - (mean[i] as number)));
  const cov = new Float64Array(dim * dim);
  for (const v of centred) for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) cov[i * dim + j] = (cov[i * dim + j] as number) + (v[i] as number) * (v[j] as number);
  const total = Array.from({ length: dim }, (_, i) => cov[i * dim + i] as number).reduce((a, b) => a + b, 0);
  const apply = (m: Float64Array) => (v: Float64Array) => Float64Array.from({ length: dim }, (_, i) => {
    let s = 0;
    for (let j = 0; j < dim; j++) s += (m[i * dim + j] as number) * (v[j] as number);
    return s;
  });
  const first = powerIteration(apply(cov), dim, 500);
  // deflate the first component to find the second
  const rest = cov.map((c, e) => c - first.value * (first.vector[Math.floor(e / dim)] as number) * (first.vector[e % dim] as number));
  const second = powerIteration(apply(rest), dim, 500);
  const at = (v: Float64Array): [number, number] => {
    let x = 0;
    let y = 0;
    for (let i = 0; i < dim; i++) {
      const c = (v[i] as number) - (mean[i] as number);
      x += c * (first.vector[i] as number);
      y += c * (second.vector[i] as number);
    }
    return [x, y];
  };
  const points = known.map((d, k) => {
    const [x, y] = at(vecs[k] as Float64Array);
    return { device: d, family: deviceFamily(d), x, y };
  });
  return {
    points,
    leftOut: devices.filter((d) => !known.includes(d)),
    explained: [total > 0 ? first.value / total : 0, total > 0 ? second.value / total : 0],
    project(device, referenceMs) {
      if (referenceMs.length !== dim) throw new InvalidArgumentError(`deviceMap.project: ${referenceMs.length} latencies for ${dim} reference rows`);
      const [x, y] = at(referenceVector(referenceMs, device).features);
      return { device, family: deviceFamily(device), x, y };
    },
  };
}
