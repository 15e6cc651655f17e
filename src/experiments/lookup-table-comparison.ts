/**
 * A lookup-table predictor (e.g. Once-for-All's Note10 tables) against a
 * measured device: the table sum as it is, and the sum calibrated to the
 * device on a few seeded random subnets, both judged on the other subnets.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError } from "../errors.js";
import type { LookupTablePredictor } from "../predict/lut-predictor.js";
import { predictionMetrics, type PredictionMetrics } from "../predict/metrics.js";
import { ofaParse } from "../spaces/ofa.js";
import { trainTestSplit } from "./predictor-comparison.js";

/** One predictor judged on the held-out subnets. */
export interface LookupTableResult extends PredictionMetrics {
  readonly predictor: string;
}

/** What {@link lookupTableComparison} returns. */
export interface LookupTableComparison {
  /** Subnets at the tables' resolutions, and the table rows of those the calibration used. */
  readonly subnets: number;
  readonly calibrationRows: readonly number[];
  /** The table sum, then the calibrated sum, each judged on the subnets the calibration did not see. */
  readonly results: readonly LookupTableResult[];
}

/**
 * The table sum and the sum calibrated on `calibrate` seeded random subnets
 * (default 10), against `device`'s measured latencies, on the subnets at the
 * tables' resolutions that the calibration did not see.
 *
 * @throws {InvalidArgumentError} for a table that is not Once-for-All, an unknown device, or fewer than `calibrate` + 1 subnets at the tables' resolutions
 * @example
 * ```ts
 * const lut = LookupTablePredictor.create(await loadLookupTables("ofa-note10-lut"));
 * const { results } = lookupTableComparison(await loadTable("help-ofa"), lut, "titan_rtx_1");
 * results[1].srcc; // the calibrated sum's SRCC on the held-out subnets
 * ```
 */
export function lookupTableComparison(table: LatencyTable, lut: LookupTablePredictor, device: string, options: { calibrate?: number; seed?: number } = {}): LookupTableComparison {
  if (table.space !== "ofa-mbv3") throw new InvalidArgumentError(`lookupTableComparison: ${table.source} is a ${table.space} table; the lookup tables price Once-for-All subnets (space ofa-mbv3)`);
  const latency = table.latency(device);
  const calibrate = options.calibrate ?? 10;
  const rows = table.archs().flatMap((a, r) => (lut.resolutions.includes(ofaParse(a).r) ? [r] : []));
  if (rows.length < calibrate + 1) throw new InvalidArgumentError(`lookupTableComparison: ${rows.length} subnets of ${table.source} at the tables' resolutions (${lut.resolutions.join(", ")}); calibrating on ${calibrate} needs at least ${calibrate + 1}`);
  const split = trainTestSplit(rows.length, calibrate, options.seed ?? 0);
  const calibrationRows = split.train.map((i) => rows[i] as number);
  const test = split.test.map((i) => rows[i] as number);
  const archs = test.map((r) => table.archAt(r));
  const measured = test.map((r) => latency[r] as number);
  const calibrated = lut.calibrate(calibrationRows.map((r) => ({ arch: table.archAt(r), latency: latency[r] as number })));
  return {
    subnets: rows.length,
    calibrationRows,
    results: [
      { predictor: "table sum", ...predictionMetrics(lut.predict(archs), measured) },
      { predictor: `table sum, calibrated on ${calibrate} subnets`, ...predictionMetrics(calibrated.predict(archs), measured) },
    ],
  };
}
