/**
 * The one table model: architectures (rows, keyed by canonical string within
 * a search space) x devices (latency columns, ms), plus optional accuracy
 * columns (%). Columnar `Float64Array`s; NaN marks a missing value, and the
 * public data's `-1` sentinel becomes NaN and is counted. Immutable: every
 * operation returns a new table, and accessors return copies.
 */
import { InvalidArgumentError, InvalidDataError, NotFoundError } from "../errors.js";
import { canonicalArch, type SpaceName } from "../spaces/space.js";

/** What is known about a latency column. */
export interface DeviceInfo {
  /** Column name: the source file's stem (`pixel3`, `titan_rtx_256`, `true_vpu`, ...). */
  readonly name: string;
  /** Where the values come from (dataset name, or a file path). */
  readonly source: string;
  /** Inference batch size, when the source states it. */
  readonly batchSize?: number;
  /** Always milliseconds. */
  readonly unit: "ms";
}

/** Missing-value counts of one column. */
export interface MissingCount {
  /** Values that are NaN in the table (sentinels included). */
  readonly missing: number;
  /** How many of those were the `-1` sentinel in the source. */
  readonly sentinels: number;
}

/** Input of {@link LatencyTable.create}. */
export interface LatencyTableInput {
  readonly space: SpaceName;
  /** Canonical architecture strings, one per row (validated and canonicalised). */
  readonly archs: readonly string[];
  /** Official index per row (default: row position). */
  readonly indices?: ArrayLike<number>;
  /** Latency columns in ms. `-1` and NaN mean missing. Not mutated. */
  readonly devices: readonly { readonly info: Omit<DeviceInfo, "unit"> & { unit?: "ms" }; readonly values: ArrayLike<number> }[];
  /** Accuracy columns in %, by name (without the `acc:` prefix). NaN means missing. Not mutated. */
  readonly accuracies?: Readonly<Record<string, ArrayLike<number>>>;
  /** Named in error messages (a file, a dataset). */
  readonly source?: string;
}

/** The latency `-1` that public datasets use for "not measured". */
export const MISSING_SENTINEL = -1;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A latency table.
 *
 * @example
 * ```ts
 * const help = await loadTable("help-nb201");
 * help.latency("pixel3"); // Float64Array, NaN = missing
 * help.selectDevices(["pixel3", "fpga"]).rows; // 15625
 * ```
 */
export class LatencyTable {
  readonly space: SpaceName;
  readonly source: string;
  private readonly archList: readonly string[];
  private readonly indexList: Int32Array;
  private readonly deviceList: readonly DeviceInfo[];
  private readonly lat: ReadonlyMap<string, Float64Array>;
  private readonly acc: ReadonlyMap<string, Float64Array>;
  /** Rows whose source value was the `-1` sentinel, per device. */
  private readonly sentinel: ReadonlyMap<string, Uint8Array>;
  private rowOf?: Map<string, number>;

  private constructor(
    space: SpaceName,
    source: string,
    archs: readonly string[],
    indices: Int32Array,
    devices: readonly DeviceInfo[],
    lat: ReadonlyMap<string, Float64Array>,
    acc: ReadonlyMap<string, Float64Array>,
    sentinel: ReadonlyMap<string, Uint8Array>,
  ) {
    this.space = space;
    this.source = source;
    this.archList = archs;
    this.indexList = indices;
    this.deviceList = devices;
    this.lat = lat;
    this.acc = acc;
    this.sentinel = sentinel;
  }

  /**
   * Builds a table, validating everything once.
   *
   * @throws {InvalidDataError} naming the source, column, row and value: unparsable architectures, duplicate rows or indices, columns of the wrong length, negative/infinite latencies (other than `-1`), accuracies outside 0..100
   * @example
   * ```ts
   * const t = LatencyTable.create({ space: "nb201", archs: [a0, a1], devices: [{ info: { name: "pixel3", source: "me" }, values: [3.6, -1] }] });
   * t.missingCount("pixel3"); // { missing: 1, sentinels: 1 }
   * ```
   */
  static create(input: LatencyTableInput): LatencyTable {
    const source = input.source ?? "table";
    const n = input.archs.length;
    const archs = input.archs.map((a, r) => {
      try {
        return canonicalArch(input.space, a);
      } catch (e) {
        throw new InvalidDataError(`${source}: row ${r}: ${(e as Error).message}`, { cause: e });
      }
    });
    const seen = new Map<string, number>();
    archs.forEach((a, r) => {
      const prev = seen.get(a);
      if (prev !== undefined) throw new InvalidDataError(`${source}: rows ${prev} and ${r} hold the same architecture ${a}; each architecture must appear once`);
      seen.set(a, r);
    });
    const indices = new Int32Array(n);
    if (input.indices) {
      if (input.indices.length !== n) throw new InvalidDataError(`${source}: ${input.indices.length} indices for ${n} rows`);
      const used = new Map<number, number>();
      for (let r = 0; r < n; r++) {
        const v = input.indices[r] as number;
        if (!Number.isInteger(v) || v < 0) throw new InvalidDataError(`${source}: row ${r}: index ${v} is not a non-negative integer`);
        const prev = used.get(v);
        if (prev !== undefined) throw new InvalidDataError(`${source}: rows ${prev} and ${r} have the same index ${v}`);
        used.set(v, r);
        indices[r] = v;
      }
    } else {
      for (let r = 0; r < n; r++) indices[r] = r;
    }
    const lat = new Map<string, Float64Array>();
    const sentinel = new Map<string, Uint8Array>();
    const devices: DeviceInfo[] = [];
    for (const d of input.devices) {
      const name = d.info.name;
      if (!NAME.test(name)) throw new InvalidDataError(`${source}: device name ${JSON.stringify(name)} is not valid; use letters, digits, ".", "_" and "-"`);
      if (lat.has(name)) throw new InvalidDataError(`${source}: device ${name} appears twice`);
      if (d.values.length !== n) throw new InvalidDataError(`${source}: device ${name} has ${d.values.length} values for ${n} rows`);
      const col = new Float64Array(n);
      const mask = new Uint8Array(n);
      for (let r = 0; r < n; r++) {
        const v = d.values[r] as number;
        if (v === MISSING_SENTINEL) {
          col[r] = Number.NaN;
          mask[r] = 1;
        } else if (typeof v !== "number" || Number.isNaN(v)) {
          if (typeof v !== "number") throw new InvalidDataError(`${source}: device ${name}, row ${r} (${archs[r]}): value ${JSON.stringify(v)} is not a number`);
          col[r] = Number.NaN;
        } else if (!Number.isFinite(v) || v < 0) {
          throw new InvalidDataError(`${source}: device ${name}, row ${r} (${archs[r]}): latency ${v} is not valid; valid: a finite value >= 0 ms, or -1 / NaN for missing`);
        } else {
          col[r] = v;
        }
      }
      lat.set(name, col);
      sentinel.set(name, mask);
      devices.push({ ...d.info, name, unit: "ms" });
    }
    const acc = new Map<string, Float64Array>();
    for (const [name, values] of Object.entries(input.accuracies ?? {})) {
      if (!NAME.test(name)) throw new InvalidDataError(`${source}: accuracy name ${JSON.stringify(name)} is not valid; use letters, digits, ".", "_" and "-"`);
      if (values.length !== n) throw new InvalidDataError(`${source}: accuracy ${name} has ${values.length} values for ${n} rows`);
      const col = Float64Array.from(values as ArrayLike<number>);
      col.forEach((v, r) => {
        if (!Number.isNaN(v) && (v < 0 || v > 100)) throw new InvalidDataError(`${source}: accuracy ${name}, row ${r} (${archs[r]}): ${v} is outside 0..100 (%)`);
      });
      acc.set(name, col);
    }
    return new LatencyTable(input.space, source, archs, indices, devices, lat, acc, sentinel);
  }

  /** Number of architectures. */
  get rows(): number {
    return this.archList.length;
  }
  /** Device column names, in order. */
  get deviceNames(): string[] {
    return this.deviceList.map((d) => d.name);
  }
  /** Device descriptions, in order. */
  get devices(): readonly DeviceInfo[] {
    return this.deviceList;
  }
  /** Accuracy column names (without `acc:`). */
  get accuracyNames(): string[] {
    return [...this.acc.keys()];
  }
  /** Canonical architecture strings, one per row (a copy). */
  archs(): string[] {
    return [...this.archList];
  }
  /** Architecture string of a row. */
  archAt(row: number): string {
    this.checkRow(row);
    return this.archList[row] as string;
  }
  /** Official index (or row position) per row (a copy). */
  indices(): Int32Array {
    return this.indexList.slice();
  }
  /** Row numbers sorted by index (the order exports use). */
  rowsInIndexOrder(): number[] {
    return Array.from({ length: this.rows }, (_, r) => r).sort((a, b) => (this.indexList[a] as number) - (this.indexList[b] as number));
  }
  /** Index of a row. */
  indexAt(row: number): number {
    this.checkRow(row);
    return this.indexList[row] as number;
  }

  /**
   * The row of an architecture, or `undefined` when the table lacks it.
   *
   * @throws {InvalidArgumentError} when the string is not an architecture of the table's space
   */
  rowOfArch(arch: string): number | undefined {
    if (!this.rowOf) this.rowOf = new Map(this.archList.map((a, r) => [a, r]));
    return this.rowOf.get(canonicalArch(this.space, arch));
  }

  /**
   * A device's latencies (ms; NaN = missing), a copy.
   *
   * @throws {NotFoundError} listing the devices when the name is unknown
   */
  latency(device: string): Float64Array {
    return this.latencyView(device).slice();
  }

  /**
   * A device's latencies without copying. For library kernels that only read:
   * callers must not write to it.
   * @internal
   */
  latencyView(device: string): Float64Array {
    const col = this.lat.get(device);
    if (!col) throw new NotFoundError(`device ${JSON.stringify(device)} is not in ${this.source}; devices: ${this.deviceNames.join(", ")}`);
    return col;
  }

  /** Whether the table has a device column. */
  hasDevice(device: string): boolean {
    return this.lat.has(device);
  }

  /**
   * An accuracy column (%; NaN = missing), a copy.
   *
   * @throws {NotFoundError} listing the accuracy columns when the name is unknown
   */
  accuracy(name: string): Float64Array {
    const col = this.acc.get(name);
    if (!col) throw new NotFoundError(`accuracy ${JSON.stringify(name)} is not in ${this.source}; accuracies: ${this.accuracyNames.join(", ") || "(none)"}`);
    return col.slice();
  }

  /**
   * Missing counts of a device, or of an accuracy as `acc:<name>`.
   *
   * @throws {NotFoundError} listing the columns when the name is unknown
   */
  missingCount(column: string): MissingCount {
    const mask = this.sentinel.get(column);
    if (mask) return { missing: countNaN(this.lat.get(column) as Float64Array), sentinels: mask.reduce((a, b) => a + b, 0) };
    const acc = column.startsWith("acc:") ? this.acc.get(column.slice(4)) : undefined;
    if (acc) return { missing: countNaN(acc), sentinels: 0 };
    throw new NotFoundError(`column ${JSON.stringify(column)} is not in ${this.source}; columns: ${[...this.deviceNames, ...this.accuracyNames.map((a) => `acc:${a}`)].join(", ")}`);
  }

  /**
   * A table with only these devices, in this order (accuracies kept).
   *
   * @throws {NotFoundError} for an unknown device
   */
  selectDevices(names: readonly string[]): LatencyTable {
    const lat = new Map<string, Float64Array>();
    const sentinel = new Map<string, Uint8Array>();
    const devices: DeviceInfo[] = [];
    for (const name of names) {
      const col = this.latencyView(name);
      if (lat.has(name)) throw new InvalidArgumentError(`selectDevices: ${name} is named twice`);
      lat.set(name, col);
      sentinel.set(name, this.sentinel.get(name) as Uint8Array);
      devices.push(this.deviceList.find((d) => d.name === name) as DeviceInfo);
    }
    return new LatencyTable(this.space, this.source, this.archList, this.indexList, devices, lat, this.acc, sentinel);
  }

  /**
   * A table with these rows, in this order.
   *
   * @throws {InvalidArgumentError} for a row outside the table or named twice
   */
  selectRows(rows: ArrayLike<number>): LatencyTable {
    const picked = Array.from(rows);
    const once = new Set<number>();
    for (const r of picked) {
      this.checkRow(r);
      if (once.has(r)) throw new InvalidArgumentError(`selectRows: row ${r} is named twice`);
      once.add(r);
    }
    const take = (col: Float64Array) => Float64Array.from(picked, (r) => col[r] as number);
    const lat = new Map([...this.lat].map(([k, v]) => [k, take(v)] as const));
    const acc = new Map([...this.acc].map(([k, v]) => [k, take(v)] as const));
    const sentinel = new Map([...this.sentinel].map(([k, m]) => [k, Uint8Array.from(picked, (r) => m[r] as number)] as const));
    return new LatencyTable(this.space, this.source, picked.map((r) => this.archList[r] as string), Int32Array.from(picked, (r) => this.indexList[r] as number), this.deviceList, lat, acc, sentinel);
  }

  /**
   * Left join on the architecture: keeps this table's rows and order, adds the
   * other table's devices and accuracies, NaN where it lacks a row.
   *
   * @throws {InvalidArgumentError} for different search spaces or a column present in both
   * @example
   * ```ts
   * const withAcc = helpTable.join(accuracyTable); // HELP latencies + CIFAR-10/100, ImageNet16-120
   * ```
   */
  join(other: LatencyTable): LatencyTable {
    if (other.space !== this.space) throw new InvalidArgumentError(`join: tables are of different search spaces (${this.space} and ${other.space})`);
    for (const d of other.deviceNames) if (this.lat.has(d)) throw new InvalidArgumentError(`join: device ${d} is in both tables (${this.source}, ${other.source}); select devices first`);
    for (const a of other.accuracyNames) if (this.acc.has(a)) throw new InvalidArgumentError(`join: accuracy ${a} is in both tables (${this.source}, ${other.source})`);
    const map = Int32Array.from(this.archList, (a) => other.rowOfArch(a) ?? -1);
    const pull = (col: Float64Array) => Float64Array.from(map, (r) => (r < 0 ? Number.NaN : (col[r] as number)));
    const lat = new Map(this.lat);
    const acc = new Map(this.acc);
    const sentinel = new Map(this.sentinel);
    for (const d of other.deviceNames) {
      lat.set(d, pull(other.latencyView(d)));
      const m = other.sentinel.get(d) as Uint8Array;
      sentinel.set(d, Uint8Array.from(map, (r) => (r < 0 ? 0 : (m[r] as number))));
    }
    for (const a of other.accuracyNames) acc.set(a, pull(other.acc.get(a) as Float64Array));
    return new LatencyTable(this.space, `${this.source} + ${other.source}`, this.archList, this.indexList, [...this.deviceList, ...other.devices], lat, acc, sentinel);
  }

  /** All columns by name (`index`, `arch`, devices, `acc:<name>`), copies, in index order of rows as stored. */
  columns(): Record<string, ArrayLike<unknown>> {
    const out: Record<string, ArrayLike<unknown>> = { index: this.indices(), arch: this.archs() };
    for (const [k, v] of this.lat) out[k] = v.slice();
    for (const [k, v] of this.acc) out[`acc:${k}`] = v.slice();
    return out;
  }

  private checkRow(row: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.rows) throw new InvalidArgumentError(`row ${row} is outside 0..${this.rows - 1} of ${this.source}`);
  }
}

function countNaN(col: Float64Array): number {
  let k = 0;
  for (const v of col) if (Number.isNaN(v)) k++;
  return k;
}
