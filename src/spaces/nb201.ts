/**
 * The NAS-Bench-201 search space: a cell of 4 nodes, each of its 6 edges
 * (1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2) one of 5 operations; 5^6 = 15,625
 * architectures. Canonical string (as published):
 * `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`.
 *
 * Three identities per architecture:
 * - the **code**: the 6 operation ids read as a base-5 number (0..15,624), the
 *   order of {@link nb201Enumerate};
 * - the **index**: NAS-Bench-201's official order, which is data (HELP's
 *   `str_arch2idx.pt`, NATS-Bench's table); see {@link Nb201Index};
 * - the **isomorphism key**: equal for cells that compute the same function
 *   (dead edges removed, sums order-free).
 */
import { InvalidArgumentError, InvalidDataError } from "../errors.js";

/**
 * The 5 operations, in the order of the one-hot features (OneProxy's order).
 *
 * @example
 * ```ts
 * NB201_OPS.indexOf("nor_conv_3x3"); // 3
 * ```
 */
export const NB201_OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"] as const;
/**
 * One of the five NAS-Bench-201 operations.
 *
 * @example
 * ```ts
 * const op: Nb201Op = "skip_connect";
 * ```
 */
export type Nb201Op = (typeof NB201_OPS)[number];

/**
 * The 6 edges as [to, from], in canonical string order.
 *
 * @example
 * ```ts
 * NB201_EDGES[0]; // [1, 0]: node 1 from the input
 * ```
 */
export const NB201_EDGES: readonly (readonly [number, number])[] = [
  [1, 0],
  [2, 0],
  [2, 1],
  [3, 0],
  [3, 1],
  [3, 2],
];

/** Number of architectures in the space. */
export const NB201_SIZE = 15625;
/** Length of {@link nb201OneHot}: 6 edges x 5 operations. */
export const NB201_ONE_HOT_LENGTH = 30;

/** An architecture: the operation id (index into {@link NB201_OPS}) of each edge. */
export type Nb201Arch = readonly [number, number, number, number, number, number];

const OP_ID: ReadonlyMap<string, number> = new Map(NB201_OPS.map((o, i) => [o, i]));

/**
 * Parses a canonical NAS-Bench-201 string.
 *
 * @throws {InvalidArgumentError} naming the string and the reason (node count, edge input, unknown operation)
 * @example
 * ```ts
 * nb201Parse("|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|"); // [3, 0, 1, 4, 2, 0]
 * ```
 */
export function nb201Parse(s: string): Nb201Arch {
  const code = canonicalCodes().get(s);
  if (code !== undefined) return nb201FromCode(code);
  return parseSlow(s);
}

let codes: Map<string, number> | undefined;
/** Every canonical string -> its code (built once; every valid string is canonical). */
function canonicalCodes(): Map<string, number> {
  if (!codes) {
    codes = new Map();
    for (let c = 0; c < NB201_SIZE; c++) codes.set(nb201Format(nb201FromCode(c)), c);
  }
  return codes;
}

/**
 * Whether a string is a canonical NAS-Bench-201 architecture (a fast check).
 *
 * @example
 * ```ts
 * isNb201Canonical("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"); // true
 * ```
 */
export function isNb201Canonical(s: string): boolean {
  return canonicalCodes().has(s);
}

/** The detailed parser: says why a string is not an architecture. */
function parseSlow(s: string): Nb201Arch {
  const bad = (why: string): never => {
    throw new InvalidArgumentError(`nb201Parse: ${JSON.stringify(s)} is not a NAS-Bench-201 architecture: ${why}; expected "|op~0|+|op~0|op~1|+|op~0|op~1|op~2|" with op one of ${NB201_OPS.join(", ")}`);
  };
  if (typeof s !== "string") bad("not a string");
  const nodes = s.split("+");
  if (nodes.length !== 3) bad(`${nodes.length} node groups separated by "+", expected 3`);
  const ops: number[] = [];
  nodes.forEach((node, n) => {
    if (!node.startsWith("|") || !node.endsWith("|")) bad(`node group ${n + 1} must start and end with "|"`);
    const edges = node.slice(1, -1).split("|");
    if (edges.length !== n + 1) bad(`node ${n + 1} has ${edges.length} inputs, expected ${n + 1}`);
    edges.forEach((e, j) => {
      const m = /^([a-z0-9_]+)~(\d+)$/.exec(e);
      if (!m) bad(`edge "${e}" is not "op~input"`);
      const [, op, input] = m as RegExpExecArray;
      if (Number(input) !== j) bad(`edge "${e}" of node ${n + 1} must read input ${j}`);
      const id = OP_ID.get(op as string);
      if (id === undefined) bad(`unknown operation "${op}"`);
      ops.push(id as number);
    });
  });
  return ops as unknown as Nb201Arch;
}

/**
 * The canonical string of an architecture.
 *
 * @throws {InvalidArgumentError} when it is not 6 operation ids in 0..4
 * @example
 * ```ts
 * nb201Format([3, 0, 1, 4, 2, 0]); // "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|"
 * ```
 */
export function nb201Format(arch: readonly number[]): string {
  checkArch("nb201Format", arch);
  const op = (e: number) => NB201_OPS[arch[e] as number];
  return `|${op(0)}~0|+|${op(1)}~0|${op(2)}~1|+|${op(3)}~0|${op(4)}~1|${op(5)}~2|`;
}

function checkArch(where: string, arch: readonly number[]): void {
  if (!Array.isArray(arch) || arch.length !== 6 || !arch.every((o) => Number.isInteger(o) && o >= 0 && o < 5)) {
    throw new InvalidArgumentError(`${where}: ${JSON.stringify(arch)} is not a NAS-Bench-201 architecture; expected 6 operation ids in 0..4 (${NB201_OPS.join(", ")})`);
  }
}

/**
 * The enumeration code: operation ids as a base-5 number, first edge most significant.
 *
 * @example
 * ```ts
 * nb201Code([0, 0, 0, 0, 0, 1]); // 1
 * ```
 */
export function nb201Code(arch: readonly number[]): number {
  checkArch("nb201Code", arch);
  return arch.reduce((c, o) => c * 5 + o, 0);
}

/**
 * The architecture of an enumeration code (inverse of {@link nb201Code}).
 *
 * @throws {InvalidArgumentError} for a code outside 0..15,624
 */
export function nb201FromCode(code: number): Nb201Arch {
  if (!Number.isInteger(code) || code < 0 || code >= NB201_SIZE) throw new InvalidArgumentError(`nb201FromCode: ${code} is not a code in 0..${NB201_SIZE - 1}`);
  const ops = new Array<number>(6);
  for (let e = 5; e >= 0; e--) {
    ops[e] = code % 5;
    code = Math.floor(code / 5);
  }
  return ops as unknown as Nb201Arch;
}

/**
 * All 15,625 architectures in code order.
 *
 * @example
 * ```ts
 * nb201Enumerate().length; // 15625
 * ```
 */
export function nb201Enumerate(): Nb201Arch[] {
  return Array.from({ length: NB201_SIZE }, (_, c) => nb201FromCode(c));
}

/**
 * One-hot operator features: edge-major, 5 operations per edge (30 values),
 * the layout of OneProxy's `encode.pickle` without its constant column.
 *
 * @example
 * ```ts
 * nb201OneHot([0, 0, 0, 0, 0, 4]).slice(25); // Float64Array [0, 0, 0, 0, 1]
 * ```
 */
export function nb201OneHot(arch: readonly number[]): Float64Array {
  checkArch("nb201OneHot", arch);
  const x = new Float64Array(NB201_ONE_HOT_LENGTH);
  arch.forEach((o, e) => (x[e * 5 + o] = 1));
  return x;
}

/**
 * The architecture of a one-hot row (inverse of {@link nb201OneHot}); a
 * trailing constant column (OneProxy's 31st) is accepted.
 *
 * @throws {InvalidArgumentError} when an edge does not have exactly one 1
 */
export function nb201FromOneHot(row: ArrayLike<number>): Nb201Arch {
  if (row.length !== 30 && row.length !== 31) throw new InvalidArgumentError(`nb201FromOneHot: row has ${row.length} values, expected 30 (6 edges x 5 ops) or 31 (plus a constant)`);
  const ops: number[] = [];
  for (let e = 0; e < 6; e++) {
    const hot: number[] = [];
    for (let o = 0; o < 5; o++) {
      const v = row[e * 5 + o];
      if (v === 1) hot.push(o);
      else if (v !== 0) throw new InvalidArgumentError(`nb201FromOneHot: value ${v} at position ${e * 5 + o} is not 0 or 1`);
    }
    if (hot.length !== 1) throw new InvalidArgumentError(`nb201FromOneHot: edge ${e} has ${hot.length} operations set, expected exactly 1`);
    ops.push(hot[0] as number);
  }
  return ops as unknown as Nb201Arch;
}

/**
 * Rules of {@link nb201IsomorphismKey}:
 * - `functional` (default): a canonical expression of the function the cell
 *   computes. `none` edges and edges whose input carries nothing are dropped,
 *   `skip_connect` is the identity, a node sums its inputs in any order. Equal
 *   keys mean the same function; 5,773 classes over the space.
 * - `nasbench201`: NAS-Bench-201's published `to_unique_str(consider_zero=True)`,
 *   string for string (NATS-Bench's `UniqueString` column), which keeps zero
 *   terms inside sums ("x + 0" differs from "x"); 6,466 classes, the count the
 *   benchmark reports.
 */
export type Nb201IsomorphismRule = "functional" | "nasbench201";

/**
 * The isomorphism key of an architecture (see `Nb201IsomorphismRule`).
 *
 * @example
 * ```ts
 * // node 2 feeds nothing (its edge to node 3 is "none"), so its input edge 2<-1 is dead:
 * const a = nb201Parse("|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|none~2|");
 * const b = nb201Parse("|nor_conv_3x3~0|+|skip_connect~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|");
 * nb201IsomorphismKey(a) === nb201IsomorphismKey(b); // true
 * ```
 */
export function nb201IsomorphismKey(arch: readonly number[], rule: Nb201IsomorphismRule = "functional"): string {
  checkArch("nb201IsomorphismKey", arch);
  if (rule !== "functional" && rule !== "nasbench201") throw new InvalidArgumentError(`nb201IsomorphismKey: invalid rule ${JSON.stringify(rule)}; valid: functional, nasbench201`);
  // the published rule writes the input node as "0"; the functional one as "x"
  const node: (string | null)[] = [rule === "nasbench201" ? "0" : "x"];
  for (let i = 1; i <= 3; i++) {
    const terms: string[] = [];
    NB201_EDGES.forEach(([to, from], e) => {
      if (to !== i) return;
      const input = node[from] ?? null;
      const op = arch[e] as number;
      if (rule === "nasbench201") {
        // published: '#' for zero; a node is zero only when its whole string is '#'
        terms.push(op === 0 || input === "#" ? "#" : op === 1 ? (input as string) : `(${input})@${NB201_OPS[op]}`);
        return;
      }
      if (op === 0 || input === null) return;
      terms.push(op === 1 ? input : `${NB201_OPS[op]}(${input})`);
    });
    if (rule === "nasbench201") node.push(terms.sort().join("+"));
    else node.push(terms.length === 0 ? null : terms.length === 1 ? (terms[0] as string) : `sum(${terms.sort().join(",")})`);
  }
  return node[3] ?? "zero";
}

/**
 * NAS-Bench-201's official index, built from a mapping of canonical strings
 * to indices (HELP's `str_arch2idx.pt`, or a NATS-Bench table in index order).
 * Checked to be a bijection onto 0..15,624.
 *
 * @example
 * ```ts
 * const index = await loadNb201Index();
 * index.indexOf(nb201Parse("|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|avg_pool_3x3~2|"));
 * ```
 */
export class Nb201Index {
  private readonly codeToIndex: Int32Array;
  private readonly indexToCode: Int32Array;

  private constructor(codeToIndex: Int32Array, indexToCode: Int32Array) {
    this.codeToIndex = codeToIndex;
    this.indexToCode = indexToCode;
  }

  /**
   * Builds the index from `string -> index` pairs.
   *
   * @param source - named in errors (e.g. the file)
   * @throws {InvalidDataError} naming the source and the bad entry (unparsable string, index out of range, duplicate, missing architecture)
   * @example
   * ```ts
   * const index = Nb201Index.fromEntries(Object.entries(await readTorch(".../str_arch2idx.pt") as Record<string, number>), "str_arch2idx.pt");
   * index.indexOf(nb201Parse("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")); // 0
   * ```
   */
  static fromEntries(entries: Iterable<readonly [string, number]>, source: string): Nb201Index {
    const codeToIndex = new Int32Array(NB201_SIZE).fill(-1);
    const indexToCode = new Int32Array(NB201_SIZE).fill(-1);
    for (const [s, index] of entries) {
      let arch: Nb201Arch;
      try {
        arch = nb201Parse(s);
      } catch (e) {
        throw new InvalidDataError(`Nb201Index: ${source}: ${(e as Error).message}`, { cause: e });
      }
      if (!Number.isInteger(index) || index < 0 || index >= NB201_SIZE) throw new InvalidDataError(`Nb201Index: ${source}: index ${index} of ${s} is outside 0..${NB201_SIZE - 1}`);
      const code = nb201Code(arch);
      if (codeToIndex[code] !== -1) throw new InvalidDataError(`Nb201Index: ${source}: architecture ${s} appears twice`);
      if (indexToCode[index] !== -1) throw new InvalidDataError(`Nb201Index: ${source}: index ${index} is given to two architectures`);
      codeToIndex[code] = index;
      indexToCode[index] = code;
    }
    const missing = indexToCode.indexOf(-1);
    if (missing >= 0) throw new InvalidDataError(`Nb201Index: ${source}: no architecture for index ${missing}; expected all ${NB201_SIZE}`);
    return new Nb201Index(codeToIndex, indexToCode);
  }

  /** The official index of an architecture. */
  indexOf(arch: readonly number[]): number {
    return this.codeToIndex[nb201Code(arch)] as number;
  }

  /**
   * The architecture at an official index.
   *
   * @throws {InvalidArgumentError} for an index outside 0..15,624
   */
  archAt(index: number): Nb201Arch {
    if (!Number.isInteger(index) || index < 0 || index >= NB201_SIZE) throw new InvalidArgumentError(`Nb201Index.archAt: ${index} is not an index in 0..${NB201_SIZE - 1}`);
    return nb201FromCode(this.indexToCode[index] as number);
  }
}
