/**
 * The device-aware latency predictor: one MLP f(architecture features,
 * device's reference vector) -> log latency, trained once across a pool of
 * devices with early stopping on validation devices, then used for any new
 * device from its latencies on the reference architectures alone.
 */
import { InvalidArgumentError, InvalidDataError } from "../errors.js";
import type { DeviceModel } from "../adapt/method.js";
import type { LatencyTable } from "../data/latency-table.js";
import { MlpLatencyPredictor, type MlpEngineName, type MlpPredictorJson } from "../predict/mlp-predictor.js";
import type { Matrix } from "../predict/ridge.js";
import { deriveSeed, seededRng, shuffled } from "../random.js";
import { deviceAwareArchFeatures } from "./arch-features.js";
import { operatorCostDevices } from "./operator-cost-devices.js";
import { referenceVector } from "./reference-vector.js";

/** Options of {@link DeviceAwarePredictor.train}. */
export interface DeviceAwareOptions {
  /** The training devices (at least 2). */
  readonly pool: readonly string[];
  /** Devices for early stopping only (default: none; 10% of the pool's rows instead). */
  readonly validation?: readonly string[];
  /** The reference rows that describe a device (e.g. HELP's 10, `loadReferenceArchitectures`). */
  readonly references: readonly number[];
  /** Seed of the initialisation and batch order (default 0). */
  readonly seed?: number;
  /** Hidden widths (default [128, 128]). */
  readonly hidden?: readonly number[];
  /** Maximum epochs (default 60). */
  readonly epochs?: number;
  /** Epochs without validation improvement before stopping (default 10). */
  readonly patience?: number;
  /** Training engine (default: the SIMD engine where it runs). */
  readonly engine?: MlpEngineName;
  /** MLPs trained from different seeds whose log predictions are averaged (default `DEVICE_AWARE_MEMBERS`, 1). */
  readonly members?: number;
  /**
   * Operator-cost synthetic devices trained on beside the pool
   * ({@link operatorCostDevices} of the pool, seeded from `seed`), each on the
   * reference rows and `rowsPerDevice` random rows (default 500). NAS-Bench-201 only.
   */
  readonly synthetic?: SyntheticTraining;
}

/** How many operator-cost synthetic devices a device-aware model trains on, and on how many rows of each. */
export interface SyntheticTraining {
  readonly count: number;
  readonly rowsPerDevice?: number;
}

/**
 * MLPs in a device-aware model by default. Scratch, HELP's split, 10
 * references, the 10 seeds' models grouped: mean SRCC of the model alone
 * 0.960 / 0.964 / 0.966 and of the half-and-half blend 0.969 / 0.970 /
 * 0.971 for 1 / 3 / 5 members, at 1 / 3 / 5 times the training time; one
 * keeps a 10-seed evaluation within minutes.
 */
export const DEVICE_AWARE_MEMBERS = 1;

/** Serialised form of a {@link DeviceAwarePredictor}. */
export interface DeviceAwareJson {
  readonly kind: "device-aware";
  /** The table it was trained on (`LatencyTable.source`) and its rows. */
  readonly dataset: string;
  readonly rows: number;
  readonly pool: readonly string[];
  readonly validation: readonly string[];
  readonly references: readonly number[];
  readonly seed: number;
  /** Training time in ms and epochs run, as measured when it was trained. */
  readonly trainMs: number;
  /** Epochs run, summed over the members. */
  readonly epochs: number;
  /** The synthetic devices it was trained on beside the pool (absent: none). */
  readonly synthetic?: SyntheticTraining;
  /** The members' MLPs (log predictions averaged). */
  readonly members: readonly MlpPredictorJson[];
}

/**
 * A latency predictor for (architecture, device) pairs, the device given by
 * its latencies on the reference architectures.
 *
 * @example
 * ```ts
 * const refs = await loadReferenceArchitectures("help-nb201");
 * const model = await DeviceAwarePredictor.train(help, { pool: ["1080ti_1", "pixel3", "silver_4114"], references: refs });
 * const lat = help.latency("pixel2");
 * model.predict(refs.map((r) => lat[r])); // every architecture's predicted latency (ms) on pixel2
 * ```
 */
export class DeviceAwarePredictor implements DeviceModel {
  private archCache: Matrix | undefined;

  private constructor(
    private readonly table: LatencyTable,
    private readonly mlps: readonly MlpLatencyPredictor[],
    private readonly meta: Omit<DeviceAwareJson, "kind" | "members">,
  ) {}

  /** The table's architectures, by row. */
  archs(): readonly string[] {
    return this.table.archs();
  }
  /** The dataset it was trained on. */
  get dataset(): string {
    return this.meta.dataset;
  }
  /** Rows of the table it predicts. */
  get rows(): number {
    return this.meta.rows;
  }
  get referenceRows(): readonly number[] {
    return this.meta.references;
  }
  get pool(): readonly string[] {
    return this.meta.pool;
  }
  /** Training time (ms) and epochs (summed over the members), as measured when it was trained. */
  get training(): { readonly ms: number; readonly epochs: number } {
    return { ms: this.meta.trainMs, epochs: this.meta.epochs };
  }

  /**
   * Trains on every architecture of the pool's devices (a missing latency is
   * not a training row), each device described by its own reference vector.
   *
   * @throws {InvalidArgumentError} for fewer than 2 pool devices, a device in both pool and validation, unknown devices, or reference rows outside the table
   * @throws {InvalidDataError} for a device with a missing or non-positive latency on a reference architecture, or a zero, negative or infinite latency anywhere
   */
  static async train(table: LatencyTable, options: DeviceAwareOptions): Promise<DeviceAwarePredictor> {
    const pool = [...options.pool];
    const validation = [...(options.validation ?? [])];
    if (pool.length < 2) throw new InvalidArgumentError(`device-aware: the pool has ${pool.length} device(s); give at least 2`);
    const both = pool.filter((d) => validation.includes(d));
    if (both.length) throw new InvalidArgumentError(`device-aware: ${both.join(", ")} in both the pool and the validation devices`);
    for (const d of [...pool, ...validation]) table.latencyView(d);
    const refs = [...options.references];
    if (refs.length === 0 || refs.some((r) => !Number.isInteger(r) || r < 0 || r >= table.rows)) throw new InvalidArgumentError(`device-aware: reference rows must be rows of ${table.source} (0..${table.rows - 1})`);
    const t0 = performance.now();
    const archX = deviceAwareArchFeatures(table.space, table.archs());
    const seed = options.seed ?? 0;
    const real = (d: string): TrainingDevice => ({ name: d, latency: table.latencyView(d) });
    const trainPart = designOf(table, archX, [...pool.map(real), ...syntheticTrainingDevices(table, pool, refs, seed, options.synthetic)], refs);
    const valPart = validation.length ? designOf(table, archX, validation.map(real), refs) : undefined;
    const cols = trainPart.x.cols;
    const rows = trainPart.x.rows + (valPart?.x.rows ?? 0);
    const data = new Float64Array(rows * cols);
    data.set(trainPart.x.data);
    if (valPart) data.set(valPart.x.data, trainPart.x.data.length);
    const y = valPart ? [...trainPart.y, ...valPart.y] : trainPart.y;
    const members = options.members ?? DEVICE_AWARE_MEMBERS;
    if (!Number.isInteger(members) || members < 1) throw new InvalidArgumentError(`device-aware: members ${members} must be a positive integer`);
    const mlps: MlpLatencyPredictor[] = [];
    for (let i = 0; i < members; i++) {
      mlps.push(
        await MlpLatencyPredictor.fit({ rows, cols, data }, y, {
          hidden: options.hidden ?? [128, 128],
          epochs: options.epochs ?? 60,
          patience: options.patience ?? 10,
          // member i of seed s: seed s x members + i (no two members of any seeds share one)
          seed: seed * members + i,
          ...(valPart ? { validationRows: Array.from({ length: valPart.x.rows }, (_, j) => trainPart.x.rows + j) } : { validation: 0.1 }),
          ...(options.engine ? { engine: options.engine } : {}),
        }),
      );
    }
    const trainMs = performance.now() - t0;
    const epochs = mlps.reduce((t, m) => t + m.history.length, 0);
    const synthetic = options.synthetic && options.synthetic.count > 0 ? { count: options.synthetic.count, rowsPerDevice: options.synthetic.rowsPerDevice ?? SYNTHETIC_ROWS } : undefined;
    const model = new DeviceAwarePredictor(table, mlps, { dataset: table.source, rows: table.rows, pool, validation, references: refs, seed, trainMs, epochs, ...(synthetic ? { synthetic } : {}) });
    model.archCache = archX;
    return model;
  }

  /**
   * Predicted log latency (natural log of ms) of every row, from a device's
   * latencies (ms) on the reference rows, in order.
   *
   * @throws {InvalidArgumentError} for the wrong number of reference latencies
   * @throws {InvalidDataError} for a NaN, zero, negative or infinite reference latency
   */
  predictLog(referenceMs: ArrayLike<number>): Float64Array {
    return this.predictLogRows(referenceMs, Array.from({ length: this.meta.rows }, (_, r) => r));
  }

  /**
   * Predicted log latency of some rows only (what a check of a few
   * candidates costs), in the order given; same values as
   * {@link DeviceAwarePredictor.predictLog} at those rows.
   *
   * @throws {InvalidArgumentError} for the wrong number of reference latencies or a row outside the table
   * @throws {InvalidDataError} for a NaN, zero, negative or infinite reference latency
   */
  predictLogRows(referenceMs: ArrayLike<number>, rows: readonly number[]): Float64Array {
    const refs = this.meta.references;
    if (referenceMs.length !== refs.length) throw new InvalidArgumentError(`device-aware: ${referenceMs.length} reference latencies; the model takes ${refs.length}, one per reference architecture`);
    const bad = rows.find((r) => !Number.isInteger(r) || r < 0 || r >= this.meta.rows);
    if (bad !== undefined) throw new InvalidArgumentError(`device-aware: row ${bad} is not a row of ${this.meta.dataset} (0..${this.meta.rows - 1})`);
    const v = referenceVector(referenceMs, "device-aware");
    const archX = (this.archCache ??= deviceAwareArchFeatures(this.table.space, this.table.archs()));
    const x = withDevice(archX, rows, v.features);
    const out = new Float64Array(x.rows);
    for (const mlp of this.mlps) {
      const p = mlp.predict(x);
      for (let r = 0; r < out.length; r++) out[r] = (out[r] as number) + (p[r] as number) / this.mlps.length;
    }
    for (let r = 0; r < out.length; r++) out[r] = (out[r] as number) + v.offset;
    return out;
  }

  /**
   * Predicted log latency of architectures given as strings of the table's
   * space, in or out of the table (Once-for-All's space holds far more
   * subnets than any table): the same features as the rows, so a table
   * architecture gets the same value as {@link DeviceAwarePredictor.predictLogRows}.
   *
   * @throws {InvalidArgumentError} for the wrong number of reference latencies or an architecture that is not of the space
   * @throws {InvalidDataError} for a NaN, zero, negative or infinite reference latency
   */
  predictLogArchs(referenceMs: ArrayLike<number>, archs: readonly string[]): Float64Array {
    const refs = this.meta.references;
    if (referenceMs.length !== refs.length) throw new InvalidArgumentError(`device-aware: ${referenceMs.length} reference latencies; the model takes ${refs.length}, one per reference architecture`);
    const v = referenceVector(referenceMs, "device-aware");
    const archX = deviceAwareArchFeatures(this.table.space, archs);
    const x = withDevice(archX, Array.from({ length: archs.length }, (_, i) => i), v.features);
    const out = new Float64Array(x.rows);
    for (const mlp of this.mlps) {
      const p = mlp.predict(x);
      for (let r = 0; r < out.length; r++) out[r] = (out[r] as number) + (p[r] as number) / this.mlps.length;
    }
    for (let r = 0; r < out.length; r++) out[r] = (out[r] as number) + v.offset;
    return out;
  }

  /** Predicted latency (ms) of every row (see {@link DeviceAwarePredictor.predictLog}). */
  predict(referenceMs: ArrayLike<number>): Float64Array {
    return this.predictLog(referenceMs).map(Math.exp);
  }

  toJSON(): DeviceAwareJson {
    return { kind: "device-aware", ...this.meta, members: this.mlps.map((m) => m.toJSON()) };
  }

  /**
   * Restores a model from {@link DeviceAwarePredictor.toJSON} for the table it was trained on.
   *
   * @throws {InvalidDataError} when the JSON is not a device-aware model, or was trained on another dataset or a table of other rows
   */
  static fromJSON(json: unknown, table: LatencyTable): DeviceAwarePredictor {
    const j = json as Partial<DeviceAwareJson>;
    if (j?.kind !== "device-aware" || !Array.isArray(j.members) || j.members.length === 0 || !Array.isArray(j.references) || !Array.isArray(j.pool)) throw new InvalidDataError('device-aware: not a serialised device-aware model (expected kind "device-aware", members, references, pool)');
    if (j.dataset !== table.source || j.rows !== table.rows) throw new InvalidDataError(`device-aware: the model was trained on ${j.dataset} (${j.rows} rows); this table is ${table.source} (${table.rows} rows)`);
    const { members, kind: _kind, ...meta } = j as DeviceAwareJson;
    return new DeviceAwarePredictor(table, members.map((m) => MlpLatencyPredictor.fromJSON(m)), meta);
  }
}

/** Architecture features of `rows` with the device's reference vector appended to each. */
function withDevice(archX: Matrix, rows: readonly number[], device: Float64Array): Matrix {
  const a = archX.cols;
  const cols = a + device.length;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => {
    data.set(archX.data.subarray(r * a, (r + 1) * a), i * cols);
    data.set(device, i * cols + a);
  });
  return { rows: rows.length, cols, data };
}

/** A device the model trains on: its latencies and, for a synthetic one, the rows it trains on (default: every row with a latency). */
interface TrainingDevice {
  readonly name: string;
  readonly latency: ArrayLike<number>;
  readonly rows?: readonly number[];
}

/** Rows per synthetic device by default. */
const SYNTHETIC_ROWS = 500;

/** The operator-cost devices of `synthetic` (none when absent or a count of 0), each with its reference rows and random rows. */
function syntheticTrainingDevices(table: LatencyTable, pool: readonly string[], refs: readonly number[], seed: number, synthetic: SyntheticTraining | undefined): TrainingDevice[] {
  if (!synthetic || synthetic.count === 0) return [];
  const perDevice = synthetic.rowsPerDevice ?? SYNTHETIC_ROWS;
  if (!Number.isInteger(perDevice) || perDevice < 1) throw new InvalidArgumentError(`device-aware: synthetic.rowsPerDevice ${perDevice} must be a positive integer`);
  const devices = operatorCostDevices(table, pool, { count: synthetic.count, seed: deriveSeed(seed, "synthetic-devices") });
  const rng = seededRng(deriveSeed(seed, "synthetic-rows"));
  const refSet = new Set(refs);
  return devices.map((d) => {
    const candidates: number[] = [];
    for (let r = 0; r < d.latency.length; r++) if (!refSet.has(r) && !Number.isNaN(d.latency[r] as number)) candidates.push(r);
    return { name: d.name, latency: d.latency, rows: [...refs, ...shuffled(rng, candidates).slice(0, perDevice)] };
  });
}

/** Training rows of some devices: every architecture with a latency (or the device's rows), features + reference vector, target log latency minus the device's offset. */
function designOf(table: LatencyTable, archX: Matrix, devices: readonly TrainingDevice[], refs: readonly number[]): { x: Matrix; y: number[] } {
  const parts = devices.map(({ name: d, latency: lat, rows: given }) => {
    const v = referenceVector(refs.map((r) => lat[r] as number), `device-aware: ${d} on its reference architectures (rows ${refs.join(", ")})`);
    const rows: number[] = [];
    for (const r of given ?? Array.from({ length: lat.length }, (_, i) => i)) {
      const v = lat[r] as number;
      if (Number.isNaN(v)) continue;
      if (!(v > 0) || !Number.isFinite(v)) throw new InvalidDataError(`device-aware: ${d} has latency ${v} at row ${r} (${table.archAt(r)}) in ${table.source}; valid: a finite latency > 0 ms, or missing`);
      rows.push(r);
    }
    return { x: withDevice(archX, rows, v.features), y: rows.map((r) => Math.log(lat[r] as number) - v.offset) };
  });
  const cols = (parts[0] as { x: Matrix }).x.cols;
  const total = parts.reduce((t, p) => t + p.x.rows, 0);
  const data = new Float64Array(total * cols);
  let off = 0;
  for (const p of parts) {
    data.set(p.x.data, off);
    off += p.x.data.length;
  }
  return { x: { rows: total, cols, data }, y: parts.flatMap((p) => p.y) };
}
