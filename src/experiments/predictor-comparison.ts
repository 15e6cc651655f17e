/**
 * Latency predictors side by side on one table: each fitted on a seeded
 * random subset of architectures and judged on all the others (SRCC, Kendall
 * tau, RMSE, share within 10 %), per device.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError } from "../errors.js";
import { LinearLatencyPredictor } from "../predict/linear-predictor.js";
import { predictionMetrics, type PredictionMetrics } from "../predict/metrics.js";
import { MlpLatencyPredictor } from "../predict/mlp-predictor.js";
import { nb201FeatureMatrix } from "../predict/nb201-features.js";
import { takeRows } from "../predict/ridge.js";
import { seededRng, shuffled } from "../random.js";
import { figure, type Figure } from "../viz/figure.js";

/**
 * A seeded split of rows 0..n-1: `train` rows drawn at random, the rest to
 * test, each in ascending order.
 *
 * @throws {InvalidArgumentError} when `train` is not an integer in 1..n-1
 * @example
 * ```ts
 * const { train, test } = trainTestSplit(15625, 1000, 0); // 1,000 and 14,625 rows
 * ```
 */
export function trainTestSplit(n: number, train: number, seed: number): { train: number[]; test: number[] } {
  if (!Number.isInteger(train) || train < 1 || train >= n) throw new InvalidArgumentError(`trainTestSplit: ${train} training rows of ${n}; valid: an integer in 1..${n - 1}`);
  const order = shuffled(seededRng(seed), Array.from({ length: n }, (_, i) => i));
  return { train: order.slice(0, train).sort((a, b) => a - b), test: order.slice(train).sort((a, b) => a - b) };
}

/** One predictor on one device, judged on the test rows. */
export interface PredictorResult extends PredictionMetrics {
  readonly device: string;
  readonly predictor: string;
  /** Fitting time (s). */
  readonly seconds: number;
}

/**
 * The linear predictor (one-hot, and one-hot + live edges) and an MLP
 * (60-64-64-1 on one-hot + live features, 150 epochs, batch 64, learning rate
 * 3e-3, WebAssembly backend) on each device of a NAS-Bench-201 table, fitted
 * on `train` seeded random architectures and judged on the rest.
 *
 * @throws {InvalidArgumentError} for a table that is not NAS-Bench-201
 * @example
 * ```ts
 * const results = await predictorComparison(help, ["raspi4", "pixel3"], { train: 1000, seed: 0 });
 * ```
 */
export async function predictorComparison(table: LatencyTable, devices: readonly string[], options: { train?: number; seed?: number } = {}): Promise<PredictorResult[]> {
  if (table.space !== "nb201") throw new InvalidArgumentError(`predictorComparison: ${table.source} is a ${table.space} table; it compares NAS-Bench-201 predictors`);
  const seed = options.seed ?? 0;
  const { train, test } = trainTestSplit(table.rows, options.train ?? 1000, seed);
  const archs = table.archs();
  const testArchs = test.map((r) => archs[r] as string);
  const X = nb201FeatureMatrix(archs, "onehot+live");
  const results: PredictorResult[] = [];
  for (const device of devices) {
    const lat = table.latency(device);
    const truth = test.map((r) => lat[r] as number);
    for (const features of ["onehot", "onehot+live"] as const) {
      const t0 = performance.now();
      const p = LinearLatencyPredictor.fit(table, device, { features, rows: train });
      const seconds = (performance.now() - t0) / 1000;
      results.push({ device, predictor: `linear, ${features}`, seconds, ...predictionMetrics(p.predict(testArchs), truth) });
    }
    const t0 = performance.now();
    const mlp = await MlpLatencyPredictor.fit(takeRows(X, train), train.map((r) => lat[r] as number), { seed, epochs: 150, batchSize: 64, learningRate: 3e-3, backend: "wasm" });
    const seconds = (performance.now() - t0) / 1000;
    results.push({ device, predictor: `MLP 60-64-64-1 (${mlp.backend})`, seconds, ...predictionMetrics(mlp.predict(takeRows(X, test)), truth) });
  }
  return results;
}

/**
 * SRCC of each predictor per device as a dot plot (the axis from the lowest
 * value, said in the title).
 *
 * @example
 * ```ts
 * show(predictorComparisonFigure(await predictorComparison(help, ["raspi4"])));
 * ```
 */
export function predictorComparisonFigure(results: readonly PredictorResult[], options: { name?: string } = {}): Figure {
  const devices = [...new Set(results.map((r) => r.device))];
  const predictors = [...new Set(results.map((r) => r.predictor))];
  const lo = Math.floor(Math.min(...results.map((r) => r.srcc)) * 20) / 20;
  return figure(
    predictors.map((p) => ({ type: "scatter", mode: "markers", name: p, x: devices, y: devices.map((d) => results.find((r) => r.device === d && r.predictor === p)?.srcc ?? null), marker: { size: 10 } })),
    {
      title: { text: `Predictor SRCC on held-out architectures (axis from ${lo})` },
      yaxis: { range: [lo, 1], title: { text: "SRCC" } },
      xaxis: { type: "category" },
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      margin: { t: 90 },
    },
    options.name === undefined ? {} : { name: options.name },
  );
}
