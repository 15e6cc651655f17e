/**
 * A Python pickle reader (protocols 0 to 5) that reads data only: it never
 * calls anything named in the file. Globals are looked up in a short whitelist
 * of reconstructors (numpy scalars and dtypes, `_codecs.encode` for bytes,
 * `collections.OrderedDict`, and the torch tensor/storage rebuilders that
 * `readTorch` wires in); any other global is an {@link UnsafePickleError}.
 *
 * Python values map to: None -> null, bool -> boolean, int -> number (bigint
 * beyond 2^53), float -> number, str -> string, bytes -> Uint8Array,
 * list/tuple -> array, dict with string keys -> plain object, other dict -> Map,
 * set -> Set, numpy scalar -> number/boolean. Attributes set on a dict subclass
 * (such as the `_metadata` of a torch state dict) are not part of the value.
 */
import { readFile } from "node:fs/promises";
import { InvalidDataError, ProxynasError } from "../errors.js";

/** A value read from a pickle. */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | readonly PyValue[]
  | { readonly [key: string]: PyValue }
  | ReadonlyMap<PyValue, PyValue>
  | ReadonlySet<PyValue>
  | object;

/**
 * A global the pickle names that the reader will not reconstruct.
 *
 * @example
 * ```ts
 * await readPickle("evil.pkl"); // throws UnsafePickleError: global os.system is not allowed
 * ```
 */
export class UnsafePickleError extends ProxynasError {
  readonly global: string;
  constructor(file: string, global: string, allowed: readonly string[]) {
    super(
      "invalid-data",
      `readPickle: ${file}: refuses global ${global}: proxynas reads pickles as data only and never calls code named in a file; allowed globals: ${allowed.join(", ")}`,
    );
    this.name = "UnsafePickleError";
    this.global = global;
  }
}

/** Reconstructs a value from a whitelisted global called with `args`. */
export type Reconstructor = (args: readonly unknown[]) => unknown;

/** Options of `unpickle`. */
export interface UnpickleOptions {
  /** Named in error messages (default `<bytes>`). */
  readonly file?: string;
  /** Extra whitelisted globals, keyed `"module name"` (e.g. torch rebuilders). */
  readonly globals?: Readonly<Record<string, Reconstructor>>;
  /** Resolves persistent ids (torch storages); without it a persistent id is an error. */
  readonly persistentLoad?: (pid: unknown) => unknown;
  /** Start offset in the buffer (default 0). */
  readonly offset?: number;
}

/** A numpy dtype seen in a pickle (`numpy.dtype("f8")`, then its state). */
export class NumpyDtype {
  byteOrder: "<" | ">" | "|" | "=" = "=";
  constructor(readonly code: string) {}
}

const NUMPY_CODES: Readonly<Record<string, { size: number; read: (v: DataView, o: number, le: boolean) => number | boolean | bigint }>> = {
  f8: { size: 8, read: (v, o, le) => v.getFloat64(o, le) },
  f4: { size: 4, read: (v, o, le) => v.getFloat32(o, le) },
  i8: { size: 8, read: (v, o, le) => safeBig(v.getBigInt64(o, le)) },
  i4: { size: 4, read: (v, o, le) => v.getInt32(o, le) },
  i2: { size: 2, read: (v, o, le) => v.getInt16(o, le) },
  i1: { size: 1, read: (v, o) => v.getInt8(o) },
  u8: { size: 8, read: (v, o, le) => safeBig(v.getBigUint64(o, le)) },
  u4: { size: 4, read: (v, o, le) => v.getUint32(o, le) },
  u2: { size: 2, read: (v, o, le) => v.getUint16(o, le) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  b1: { size: 1, read: (v, o) => v.getUint8(o) !== 0 },
};

function safeBig(b: bigint): number | bigint {
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

function numpyScalar(args: readonly unknown[]): unknown {
  const [dtype, raw] = args;
  if (!(dtype instanceof NumpyDtype)) throw new Error(`numpy scalar without a dtype (got ${typeof dtype})`);
  const spec = NUMPY_CODES[dtype.code];
  if (!spec) throw new Error(`numpy scalar of dtype ${dtype.code} is not supported; supported: ${Object.keys(NUMPY_CODES).join(", ")}`);
  const bytes = raw instanceof Uint8Array ? raw : typeof raw === "string" ? latin1(raw) : undefined;
  if (!bytes || bytes.length !== spec.size) throw new Error(`numpy scalar of dtype ${dtype.code} needs ${spec.size} bytes, got ${bytes ? bytes.length : typeof raw}`);
  return spec.read(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, dtype.byteOrder !== ">");
}

function latin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) throw new Error(`character U+${c.toString(16)} is not latin-1`);
    out[i] = c;
  }
  return out;
}

/** Globals every pickle may use: data constructors only. */
export const BASE_GLOBALS: Readonly<Record<string, Reconstructor>> = {
  "numpy dtype": (args) => {
    if (typeof args[0] !== "string") throw new Error("numpy.dtype needs a type code string");
    return new NumpyDtype(args[0]);
  },
  "numpy.core.multiarray scalar": numpyScalar,
  "numpy._core.multiarray scalar": numpyScalar,
  "_codecs encode": (args) => {
    const [s, enc] = args;
    if (typeof s !== "string" || (enc !== "latin1" && enc !== "latin-1")) throw new Error(`_codecs.encode is allowed only as encode(str, "latin1"), got encoding ${JSON.stringify(enc)}`);
    return latin1(s);
  },
  "collections OrderedDict": (args) => {
    if (args.length > 0 && !(Array.isArray(args[0]) && args[0].length === 0)) throw new Error("OrderedDict with constructor arguments is not supported");
    return new PyDict();
  },
  "builtins set": (args) => new Set(Array.isArray(args[0]) ? (args[0] as unknown[]) : []),
  "builtins frozenset": (args) => new Set(Array.isArray(args[0]) ? (args[0] as unknown[]) : []),
  "__builtin__ set": (args) => new Set(Array.isArray(args[0]) ? (args[0] as unknown[]) : []),
};

/** A dict while unpickling (keys of any type, insertion order); finalised to an object or a Map. */
class PyDict {
  readonly map = new Map<unknown, unknown>();
}

/** Opcode names, for messages. */
const OPNAMES: Readonly<Record<number, string>> = {
  0x80: "PROTO", 0x95: "FRAME", 0x2e: "STOP", 0x28: "MARK", 0x30: "POP", 0x31: "POP_MARK", 0x32: "DUP", 0x4e: "NONE", 0x88: "NEWTRUE", 0x89: "NEWFALSE",
  0x49: "INT", 0x4a: "BININT", 0x4b: "BININT1", 0x4d: "BININT2", 0x4c: "LONG", 0x8a: "LONG1", 0x8b: "LONG4", 0x46: "FLOAT", 0x47: "BINFLOAT",
  0x53: "STRING", 0x54: "BINSTRING", 0x55: "SHORT_BINSTRING", 0x56: "UNICODE", 0x58: "BINUNICODE", 0x8c: "SHORT_BINUNICODE", 0x8d: "BINUNICODE8",
  0x42: "BINBYTES", 0x43: "SHORT_BINBYTES", 0x8e: "BINBYTES8", 0x96: "BYTEARRAY8", 0x5d: "EMPTY_LIST", 0x61: "APPEND", 0x65: "APPENDS", 0x6c: "LIST",
  0x29: "EMPTY_TUPLE", 0x74: "TUPLE", 0x85: "TUPLE1", 0x86: "TUPLE2", 0x87: "TUPLE3", 0x7d: "EMPTY_DICT", 0x64: "DICT", 0x73: "SETITEM", 0x75: "SETITEMS",
  0x8f: "EMPTY_SET", 0x90: "ADDITEMS", 0x91: "FROZENSET", 0x67: "GET", 0x68: "BINGET", 0x6a: "LONG_BINGET", 0x70: "PUT", 0x71: "BINPUT", 0x72: "LONG_BINPUT",
  0x94: "MEMOIZE", 0x63: "GLOBAL", 0x93: "STACK_GLOBAL", 0x52: "REDUCE", 0x62: "BUILD", 0x81: "NEWOBJ", 0x92: "NEWOBJ_EX", 0x69: "INST", 0x6f: "OBJ",
  0x50: "PERSID", 0x51: "BINPERSID", 0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4", 0x97: "NEXT_BUFFER", 0x98: "READONLY_BUFFER",
};

/** Result of `unpickle`: the value and where the pickle ended. */
export interface Unpickled {
  readonly value: PyValue;
  /** Offset just past the STOP opcode. */
  readonly end: number;
}

/**
 * Reads one pickle from `bytes` (starting at `options.offset`).
 *
 * @throws {InvalidDataError} naming the file and byte offset for truncated or malformed input
 * @throws {UnsafePickleError} for a global outside the whitelist (e.g. `os system`)
 * @example
 * ```ts
 * const { value } = unpickle(readFileSync("latency.pickle"), { file: "latency.pickle" });
 * ```
 */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions = {}): Unpickled {
  const file = options.file ?? "<bytes>";
  const globals: Record<string, Reconstructor> = { ...BASE_GLOBALS, ...(options.globals ?? {}) };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dec = new TextDecoder("utf-8", { fatal: true });
  let pos = options.offset ?? 0;
  let opPos = pos;
  let opName = "";
  const stack: unknown[] = [];
  const marks: number[] = [];
  const memo = new Map<number, unknown>();

  const fail = (what: string): never => {
    throw new InvalidDataError(`readPickle: ${file}: ${what} (opcode ${opName || "?"} at byte ${opPos})`);
  };
  const need = (n: number): void => {
    if (pos + n > bytes.length) fail(`truncated: needs ${n} more bytes at byte ${pos} but the data ends at byte ${bytes.length}; expected a complete pickle`);
  };
  const u8 = () => (need(1), bytes[pos++] as number);
  const u16 = () => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const i32 = () => (need(4), (pos += 4), view.getInt32(pos - 4, true));
  const u64 = (): number => {
    need(8);
    const v = view.getBigUint64(pos, true);
    pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail(`length ${v} is too large`);
    return Number(v);
  };
  const take = (n: number): Uint8Array => {
    need(n);
    pos += n;
    return bytes.subarray(pos - n, pos);
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail("truncated: a text line has no end");
    const s = new TextDecoder("latin1").decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const utf8 = (b: Uint8Array): string => {
    try {
      return dec.decode(b);
    } catch {
      return fail("a string is not valid UTF-8");
    }
  };
  const pop = (): unknown => (stack.length === 0 ? fail("stack underflow: the pickle is corrupt") : stack.pop());
  const top = (): unknown => (stack.length === 0 ? fail("stack underflow: the pickle is corrupt") : stack[stack.length - 1]);
  const popMark = (): unknown[] => {
    const m = marks.pop();
    if (m === undefined) fail("no MARK on the stack: the pickle is corrupt");
    const items = stack.splice(m as number);
    return items;
  };
  const findGlobal = (module: string, name: string): Reconstructor => {
    const key = `${module} ${name}`;
    const g = globals[key];
    if (!g) throw new UnsafePickleError(file, `${module}.${name}`, Object.keys(globals).map((k) => k.replace(" ", ".")));
    return g;
  };
  const call = (fn: unknown, args: unknown): unknown => {
    if (typeof fn !== "function") fail(`REDUCE on a value that is not a whitelisted global (${describe(fn)})`);
    if (!Array.isArray(args)) fail("REDUCE arguments are not a tuple");
    try {
      return (fn as Reconstructor)(args as unknown[]);
    } catch (e) {
      if (e instanceof ProxynasError) throw e;
      return fail((e as Error).message);
    }
  };
  const setItems = (target: unknown, items: unknown[]): void => {
    if (!(target instanceof PyDict)) fail(`SETITEM(S) on a ${describe(target)}, expected a dict`);
    if (items.length % 2) fail("SETITEMS with an odd number of items");
    for (let i = 0; i < items.length; i += 2) (target as PyDict).map.set(hashKey(items[i], fail), items[i + 1]);
  };

  for (;;) {
    opPos = pos;
    const op = u8();
    opName = OPNAMES[op] ?? `0x${op.toString(16).padStart(2, "0")}`;
    switch (op) {
      case 0x80: // PROTO
        if (u8() > 5) fail("protocol above 5; supported: 0 to 5");
        break;
      case 0x95: // FRAME
        u64();
        break;
      case 0x2e: // STOP
        if (stack.length !== 1) fail(`STOP with ${stack.length} values on the stack, expected 1`);
        return { value: finalise(stack[0]) as PyValue, end: pos };
      case 0x28:
        marks.push(stack.length);
        break;
      case 0x30:
        if (marks.length && marks[marks.length - 1] === stack.length) marks.pop();
        else pop();
        break;
      case 0x31:
        popMark();
        break;
      case 0x32:
        stack.push(top());
        break;
      case 0x4e:
        stack.push(null);
        break;
      case 0x88:
        stack.push(true);
        break;
      case 0x89:
        stack.push(false);
        break;
      case 0x49: {
        const s = line().trim();
        if (s === "00") stack.push(false);
        else if (s === "01") stack.push(true);
        else if (/^[-+]?\d+$/.test(s)) stack.push(safeBig(BigInt(s)));
        else fail(`INT value ${JSON.stringify(s)} is not an integer`);
        break;
      }
      case 0x4a:
        stack.push(i32());
        break;
      case 0x4b:
        stack.push(u8());
        break;
      case 0x4d:
        stack.push(u16());
        break;
      case 0x4c: {
        const s = line().trim().replace(/L$/, "");
        if (!/^[-+]?\d+$/.test(s)) fail(`LONG value ${JSON.stringify(s)} is not an integer`);
        stack.push(safeBig(BigInt(s)));
        break;
      }
      case 0x8a:
        stack.push(readLong(take(u8())));
        break;
      case 0x8b: {
        const n = i32();
        if (n < 0) fail("negative LONG4 length");
        stack.push(readLong(take(n)));
        break;
      }
      case 0x46: {
        const text = line().trim();
        const special: Record<string, number> = { inf: Infinity, "-inf": -Infinity, nan: Number.NaN };
        const v = special[text] ?? Number(text);
        if (Number.isNaN(v) && text !== "nan") fail(`FLOAT value ${JSON.stringify(text)} is not a number`);
        stack.push(v);
        break;
      }
      case 0x47:
        need(8);
        stack.push(view.getFloat64(pos, false));
        pos += 8;
        break;
      case 0x53: {
        const s = line().trim();
        const q = s[0];
        if ((q !== "'" && q !== '"') || s[s.length - 1] !== q) fail("STRING is not quoted");
        stack.push(s.slice(1, -1));
        break;
      }
      case 0x54: {
        const n = i32();
        if (n < 0) fail("negative BINSTRING length");
        stack.push(new TextDecoder("latin1").decode(take(n)));
        break;
      }
      case 0x55:
        stack.push(new TextDecoder("latin1").decode(take(u8())));
        break;
      case 0x56:
        stack.push(line().replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, a?: string, b?: string) => String.fromCodePoint(parseInt(a ?? b ?? "0", 16))));
        break;
      case 0x58:
        stack.push(utf8(take(u32())));
        break;
      case 0x8c:
        stack.push(utf8(take(u8())));
        break;
      case 0x8d:
        stack.push(utf8(take(u64())));
        break;
      case 0x42:
        stack.push(take(u32()).slice());
        break;
      case 0x43:
        stack.push(take(u8()).slice());
        break;
      case 0x8e:
      case 0x96:
        stack.push(take(u64()).slice());
        break;
      case 0x5d:
        stack.push([]);
        break;
      case 0x61: {
        const v = pop();
        const l = top();
        if (!Array.isArray(l)) fail(`APPEND to a ${describe(l)}, expected a list`);
        (l as unknown[]).push(v);
        break;
      }
      case 0x65: {
        const items = popMark();
        const l = top();
        if (!Array.isArray(l)) fail(`APPENDS to a ${describe(l)}, expected a list`);
        for (const it of items) (l as unknown[]).push(it);
        break;
      }
      case 0x6c:
        stack.push(popMark());
        break;
      case 0x29:
        stack.push([]);
        break;
      case 0x74:
        stack.push(popMark());
        break;
      case 0x85:
        stack.push([pop()]);
        break;
      case 0x86: {
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case 0x87: {
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 0x7d:
        stack.push(new PyDict());
        break;
      case 0x64: {
        const d = new PyDict();
        setItems(d, popMark());
        stack.push(d);
        break;
      }
      case 0x73: {
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      }
      case 0x75: {
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x8f:
        stack.push(new Set());
        break;
      case 0x90: {
        const items = popMark();
        const s = top();
        if (!(s instanceof Set)) fail(`ADDITEMS to a ${describe(s)}, expected a set`);
        for (const it of items) (s as Set<unknown>).add(it);
        break;
      }
      case 0x91:
        stack.push(new Set(popMark()));
        break;
      case 0x67:
        stack.push(memoGet(Number(line())));
        break;
      case 0x68:
        stack.push(memoGet(u8()));
        break;
      case 0x6a:
        stack.push(memoGet(u32()));
        break;
      case 0x70:
        memo.set(Number(line()), top());
        break;
      case 0x71:
        memo.set(u8(), top());
        break;
      case 0x72:
        memo.set(u32(), top());
        break;
      case 0x94:
        memo.set(memo.size, top());
        break;
      case 0x63: {
        const module = line();
        const name = line();
        stack.push(findGlobal(module, name));
        break;
      }
      case 0x93: {
        const name = pop();
        const module = pop();
        if (typeof module !== "string" || typeof name !== "string") fail("STACK_GLOBAL needs two strings");
        stack.push(findGlobal(module as string, name as string));
        break;
      }
      case 0x52: {
        const args = pop();
        const fn = pop();
        stack.push(call(fn, args));
        break;
      }
      case 0x81: {
        const args = pop();
        const cls = pop();
        stack.push(call(cls, args));
        break;
      }
      case 0x92: {
        const kwargs = pop();
        const args = pop();
        const cls = pop();
        if (!(kwargs instanceof PyDict) || kwargs.map.size > 0) fail("NEWOBJ_EX with keyword arguments is not supported");
        stack.push(call(cls, args));
        break;
      }
      case 0x62: {
        const state = pop();
        const obj = top();
        if (obj instanceof NumpyDtype) {
          const order = Array.isArray(state) ? state[1] : undefined;
          if (order === "<" || order === ">" || order === "|" || order === "=") obj.byteOrder = order;
        } else if (obj instanceof PyDict) {
          // BUILD on a dict (subclass) sets attributes, not items: torch's OrderedDict
          // `_metadata` (module versions). Items are what the file holds as data.
        } else if (typeof obj === "object" && obj !== null && typeof (obj as { setState?: unknown }).setState === "function") {
          (obj as { setState(s: unknown): void }).setState(state);
        } else if (state !== null && !(state instanceof PyDict && state.map.size === 0)) {
          fail(`BUILD on a ${describe(obj)} is not supported`);
        }
        break;
      }
      case 0x50: {
        const pid = line();
        if (!options.persistentLoad) fail("persistent id without a loader (not a torch file?)");
        stack.push(options.persistentLoad?.(pid));
        break;
      }
      case 0x51: {
        const pid = finalise(pop());
        if (!options.persistentLoad) fail("persistent id without a loader (not a torch file?)");
        try {
          stack.push(options.persistentLoad?.(pid));
        } catch (e) {
          if (e instanceof ProxynasError) throw e;
          fail((e as Error).message);
        }
        break;
      }
      case 0x69: {
        const module = line();
        const name = line();
        throw new UnsafePickleError(file, `${module}.${name}`, Object.keys(globals).map((k) => k.replace(" ", ".")));
      }
      case 0x6f:
      case 0x82:
      case 0x83:
      case 0x84:
      case 0x97:
      case 0x98:
        fail(`${opName} is not supported: it instantiates classes or needs out-of-band buffers`);
        break;
      default:
        fail(`unknown opcode 0x${op.toString(16).padStart(2, "0")}: not a pickle, or corrupt`);
    }
  }

  function memoGet(i: number): unknown {
    if (!memo.has(i)) fail(`memo key ${i} was never stored: the pickle is corrupt`);
    return memo.get(i);
  }
}

/** A little-endian two's-complement integer of any length, in time linear in its bytes (through its hex digits). */
function readLong(b: Uint8Array): number | bigint {
  if (b.length === 0) return 0;
  let hex = "";
  for (let i = b.length - 1; i >= 0; i--) hex += (b[i] as number).toString(16).padStart(2, "0");
  let v = BigInt(`0x${hex}`);
  if ((b[b.length - 1] as number) & 0x80) v -= 1n << BigInt(8 * b.length);
  return safeBig(v);
}

/** Longest dict key a tuple may become (characters of its JSON form). */
const MAX_KEY_CHARS = 2 ** 20;
/** Deepest tuple nesting in a dict key. */
const MAX_KEY_DEPTH = 1000;

/**
 * Dict keys: tuples (arrays) become their JSON form, so that equal tuples are
 * one key (big integers written as their digits). Bounded: tuples that share
 * parts can nest into a key exponentially larger than the pickle, which is
 * refused past {@link MAX_KEY_CHARS} characters or {@link MAX_KEY_DEPTH} levels.
 */
function hashKey(k: unknown, fail: (what: string) => never): unknown {
  if (!Array.isArray(k)) return k;
  const parts: string[] = [];
  let size = 0;
  const push = (s: string) => {
    size += s.length;
    if (size > MAX_KEY_CHARS) fail(`a dict key (a tuple) expands to more than ${MAX_KEY_CHARS} characters; keys that large are refused`);
    parts.push(s);
  };
  const visit = (v: unknown, depth: number): void => {
    if (!Array.isArray(v)) return push(typeof v === "bigint" ? v.toString() : (JSON.stringify(v) ?? "null"));
    if (depth > MAX_KEY_DEPTH) fail(`a dict key (a tuple) nests deeper than ${MAX_KEY_DEPTH} levels`);
    push("[");
    v.forEach((x, i) => {
      if (i > 0) push(",");
      visit(x, depth + 1);
    });
    push("]");
  };
  visit(k, 1);
  return parts.join("");
}

function describe(v: unknown): string {
  if (v === null) return "None";
  if (Array.isArray(v)) return "list";
  if (v instanceof PyDict) return "dict";
  if (typeof v === "function") return "global";
  return typeof v === "object" ? (v as object).constructor?.name ?? "object" : typeof v;
}

/**
 * Turns reader-internal dicts into plain objects (string keys) or Maps, lists
 * and sets into new ones, sharing and cycles kept. Iterative, so that nesting
 * as deep as Python's own pickles (thousands of levels) does not overflow the
 * stack: first every reachable container gets its output, then each is filled.
 */
function finalise(root: unknown): unknown {
  const isContainer = (v: unknown): v is PyDict | unknown[] | Set<unknown> => v instanceof PyDict || Array.isArray(v) || v instanceof Set;
  const out = new Map<unknown, unknown>();
  const order: (PyDict | unknown[] | Set<unknown>)[] = [];
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const v = pending.pop();
    if (!isContainer(v) || out.has(v)) continue;
    if (v instanceof PyDict) {
      out.set(v, [...v.map.keys()].every((k) => typeof k === "string") ? {} : new Map<unknown, unknown>());
      for (const val of v.map.values()) pending.push(val);
    } else {
      out.set(v, Array.isArray(v) ? [] : new Set<unknown>());
      for (const x of v) pending.push(x);
    }
    order.push(v);
  }
  const map = (v: unknown): unknown => {
    if (v === null || typeof v !== "object") return v;
    if (out.has(v)) return out.get(v);
    if (typeof (v as { finalise?: unknown }).finalise === "function") return (v as { finalise(): unknown }).finalise();
    return v;
  };
  for (const v of order) {
    const o = out.get(v);
    if (v instanceof PyDict) {
      if (o instanceof Map) for (const [k, val] of v.map) o.set(k, map(val));
      else for (const [k, val] of v.map) Object.defineProperty(o, k as string, { value: map(val), enumerable: true, writable: true, configurable: true });
    } else if (Array.isArray(v)) for (const x of v) (o as unknown[]).push(map(x));
    else for (const x of v) (o as Set<unknown>).add(map(x));
  }
  return map(root);
}

/**
 * Reads a Python pickle file as plain data (see `unpickle`).
 *
 * @throws {InvalidDataError} naming the file when it is truncated or corrupt
 * @throws {UnsafePickleError} for globals outside the whitelist
 * @example
 * ```ts
 * const lat = (await readPickle("oneproxy/latency_data/true_vpu.pickle")) as number[];
 * ```
 */
export async function readPickle(path: string): Promise<PyValue> {
  return unpickle(await readFile(path), { file: path }).value;
}
