/**
 * FLOPs as a latency proxy, the baseline of both papers and of HELP: each
 * device's latencies ranked against the architectures' analytic FLOPs (and
 * parameter counts), with no measurement on the device at all. What a proxy
 * device or an adapted predictor must beat to be worth its measurements.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError } from "../errors.js";
import { nb201Cost, ofaCost, proxylessCost, type ModelCost } from "../measure/model-cost.js";
import type { SpaceName } from "../spaces/space.js";
import { spearman } from "../stats/correlation.js";

/** The spaces with analytic costs. */
const COSTS: Partial<Record<SpaceName, (arch: string) => ModelCost>> = { nb201: nb201Cost, "ofa-mbv3": ofaCost, proxyless: proxylessCost };

/** One device's SRCC with the analytic costs. */
export interface FlopsBaselineRow {
  readonly device: string;
  /** SRCC of the device's latencies with FLOPs, and with parameter counts. */
  readonly flops: number;
  readonly params: number;
  /** Rows with a latency (the rest have none and are not ranked). */
  readonly rows: number;
}

/**
 * SRCC of FLOPs and of parameter counts with each device's latencies, over
 * the rows where the device has a latency.
 *
 * @param devices the devices (default: all of the table's)
 * @throws {InvalidArgumentError} for a space without analytic costs (supported: nb201, ofa-mbv3, proxyless) or a device not in the table
 * @example
 * ```ts
 * const help = await loadTable("help-nb201");
 * flopsBaseline(help, ["pixel2"]); // [{ device: "pixel2", flops: 0.8.., params: 0.8.., rows: 15625 }]
 * ```
 */
export function flopsBaseline(table: LatencyTable, devices: readonly string[] = table.deviceNames): FlopsBaselineRow[] {
  const cost = COSTS[table.space];
  if (cost === undefined) throw new InvalidArgumentError(`flopsBaseline: ${table.source} is a ${table.space} table; FLOPs are computed for ${Object.keys(COSTS).join(", ")}`);
  const missing = devices.find((d) => !table.hasDevice(d));
  if (missing !== undefined) throw new InvalidArgumentError(`flopsBaseline: ${table.source} has no device ${JSON.stringify(missing)}; valid: ${table.deviceNames.join(", ")}`);
  const costs = table.archs().map((a) => cost(a));
  const flops = Float64Array.from(costs, (c) => c.flops);
  const params = Float64Array.from(costs, (c) => c.params);
  return devices.map((device) => {
    const lat = table.latencyView(device);
    const f = spearman(flops, lat);
    return { device, flops: f.value, params: spearman(params, lat).value, rows: f.pairs };
  });
}
