/**
 * A lookup-table latency predictor: the sum of the measured per-layer
 * latencies of a table, optionally calibrated to another device by
 * `scale * sum + offset` fitted on a few measured networks. Once-for-All
 * MobileNetV3 subnets with Once-for-All's Note10 tables (one per input
 * resolution), ProxylessNAS mobile networks with ProxylessNAS's mobile table
 * (224 px).
 */
import type { LookupTable } from "../data/load-lut.js";
import { InvalidArgumentError, InvalidDataError } from "../errors.js";
import { ofaLayerKeys, ofaParse, type OfaArch } from "../spaces/ofa.js";
import { PROXYLESS_LAYOUT, proxylessLayerKeys, proxylessParse } from "../spaces/proxyless.js";

/** The table datasets of ProxylessNAS's space (the others are Once-for-All's). */
const PROXYLESS_TABLES: readonly string[] = ["proxylessnas-mobile-lut"];

/** `scale * lut + offset`. */
export interface Calibration {
  readonly scale: number;
  readonly offset: number;
}

/** Serialised form (the tables themselves are referenced by dataset name). */
export interface LutPredictorJson {
  readonly kind: "lut";
  readonly dataset: string;
  readonly resolutions: readonly number[];
  readonly calibration: Calibration;
}

/**
 * Lookup-table latency predictor.
 *
 * @example
 * ```ts
 * const lut = LookupTablePredictor.create(await loadLookupTables("ofa-note10-lut"));
 * lut.predict(["r224-d44444-k77777777777777777777-e66666666666666666666"]); // ms
 * ```
 */
export class LookupTablePredictor {
  private readonly byResolution: ReadonlyMap<number, LookupTable>;
  /** The tables' dataset (one per predictor). */
  private readonly dataset: string;

  private constructor(
    tables: readonly LookupTable[],
    readonly calibration: Calibration,
  ) {
    this.byResolution = new Map(tables.map((t) => [t.resolution, t]));
    this.dataset = tables[0]?.dataset ?? "";
  }

  /**
   * A predictor over tables of one dataset (e.g. `loadLookupTables("ofa-note10-lut")`).
   *
   * @throws {InvalidArgumentError} for no tables, or tables of two datasets
   * @example
   * ```ts
   * const lut = LookupTablePredictor.create(await loadLookupTables("ofa-note10-lut"));
   * lut.predict(["r224-d44444-k...-e..."]);
   * ```
   */
  static create(tables: readonly LookupTable[], calibration: Calibration = { scale: 1, offset: 0 }): LookupTablePredictor {
    if (tables.length === 0) throw new InvalidArgumentError("LookupTablePredictor: no lookup tables given");
    if (new Set(tables.map((t) => t.dataset)).size > 1) throw new InvalidArgumentError(`LookupTablePredictor: tables of several datasets (${[...new Set(tables.map((t) => t.dataset))].join(", ")}); give one dataset's tables`);
    return new LookupTablePredictor(tables, calibration);
  }

  /** Resolutions with a table. */
  get resolutions(): number[] {
    return [...this.byResolution.keys()].sort((a, b) => a - b);
  }

  /**
   * The uncalibrated table sum (ms) of one subnet.
   *
   * @throws {InvalidArgumentError} when no table exists for the subnet's resolution (lists those that do)
   * @throws {InvalidDataError} when the table lacks one of the subnet's layers (names it)
   */
  tableSum(arch: OfaArch | string): number {
    const { r, keys } = this.layerKeys(arch);
    const lut = this.byResolution.get(r);
    if (!lut) throw new InvalidArgumentError(`LookupTablePredictor: no lookup table for resolution ${r}; resolutions: ${this.resolutions.join(", ")}`);
    let s = 0;
    for (const key of keys) {
      const e = lut.entries.get(key);
      if (!e) throw new InvalidDataError(`LookupTablePredictor: ${lut.dataset} (${r} px) has no entry ${key}`);
      s += e.mean;
    }
    return s;
  }

  /** The input resolution and table keys of a network of the tables' space. */
  private layerKeys(arch: OfaArch | string): { r: number; keys: string[] } {
    if (PROXYLESS_TABLES.includes(this.dataset)) {
      if (typeof arch !== "string") throw new InvalidArgumentError(`LookupTablePredictor: ${this.dataset} prices ProxylessNAS architectures; give their strings`);
      return { r: PROXYLESS_LAYOUT.resolution, keys: proxylessLayerKeys(proxylessParse(arch)) };
    }
    const a = typeof arch === "string" ? ofaParse(arch) : arch;
    return { r: a.r, keys: ofaLayerKeys(a) };
  }

  /** Predicted latency (ms) of each subnet: `scale * tableSum + offset`. */
  predict(archs: readonly (OfaArch | string)[]): Float64Array {
    return Float64Array.from(archs, (a) => this.calibration.scale * this.tableSum(a) + this.calibration.offset);
  }

  /**
   * A predictor calibrated to measured latencies (least squares on the table sums).
   *
   * @throws {InvalidArgumentError} for fewer than 2 measurements, or all with the same table sum
   */
  calibrate(measured: readonly { readonly arch: OfaArch | string; readonly latency: number }[]): LookupTablePredictor {
    if (measured.length < 2) throw new InvalidArgumentError(`LookupTablePredictor.calibrate: needs at least 2 measured networks, got ${measured.length}`);
    const x = measured.map((m) => this.tableSum(m.arch));
    const y = measured.map((m) => m.latency);
    const mx = x.reduce((a, b) => a + b, 0) / x.length;
    const my = y.reduce((a, b) => a + b, 0) / y.length;
    let sxy = 0;
    let sxx = 0;
    x.forEach((v, i) => {
      sxy += (v - mx) * ((y[i] as number) - my);
      sxx += (v - mx) ** 2;
    });
    if (sxx === 0) throw new InvalidArgumentError("LookupTablePredictor.calibrate: every measured network has the same table latency; measure networks of different sizes");
    const scale = sxy / sxx;
    return new LookupTablePredictor([...this.byResolution.values()], { scale, offset: my - scale * mx });
  }

  toJSON(): LutPredictorJson {
    return { kind: "lut", dataset: this.dataset, resolutions: this.resolutions, calibration: this.calibration };
  }

  /**
   * Restores a predictor from its JSON and the dataset's tables.
   *
   * @throws {InvalidDataError} when the JSON is not a lookup-table predictor or the tables do not match it
   */
  static fromJSON(json: unknown, tables: readonly LookupTable[]): LookupTablePredictor {
    const j = json as Partial<LutPredictorJson>;
    if (j?.kind !== "lut" || typeof j.calibration?.scale !== "number" || typeof j.calibration?.offset !== "number") throw new InvalidDataError('LookupTablePredictor.fromJSON: not a serialised lookup-table predictor (expected kind "lut" and a calibration)');
    if (tables.some((t) => t.dataset !== j.dataset)) throw new InvalidDataError(`LookupTablePredictor.fromJSON: the predictor was built on ${j.dataset}; load that dataset's tables`);
    return LookupTablePredictor.create(tables, j.calibration);
  }
}
