import { describe, expect, it } from "vitest";
import { InvalidDataError } from "../../src/errors.js";
import { unpickle, UnsafePickleError } from "../../src/io/pickle.js";

/** The same object pickled by CPython 3.11 with protocols 0..5 (see the expected value below). */
const BY_PROTOCOL: readonly string[] = [
  "KGRwMApWaW50cwpwMQoobHAyCkkwCmFJMQphSS0xCmFJMjU1CmFJMjU2CmFJNjU1MzUKYUk2NTUzNgphSS0yMTQ3NDgzNjQ4CmFMMjE0NzQ4MzY0OEwKYUw5MjIzMzcyMDM2ODU0Nzc1ODA4TAphTC0xMTgwNTkxNjIwNzE3NDExMzAzNDI0TAphc1ZmbG9hdHMKcDMKKGxwNApGMS41CmFGLTAuMAphRmluZgphc1ZzCnA1ClZo6WxsbyBcdTI3MTMKcDYKc1ZiCnA3CmNfY29kZWNzCmVuY29kZQpwOAooVlx1MDAwMP8KcDkKVmxhdGluMQpwMTAKdHAxMQpScDEyCnNWdApwMTMKKEkxCihJMgpJMwp0cDE0Cih0dHAxNQpzVm5lc3RlZApwMTYKKGRwMTcKVmsKcDE4CihscDE5Ck5hSTAxCmFJMDAKYXNzSTUKVmludCBrZXkKcDIwCnMu",
  "fXEAKFgEAAAAaW50c3EBXXECKEsASwFK/////0v/TQABTf//SgAAAQBKAAAAgEwyMTQ3NDgzNjQ4TApMOTIyMzM3MjAzNjg1NDc3NTgwOEwKTC0xMTgwNTkxNjIwNzE3NDExMzAzNDI0TAplWAYAAABmbG9hdHNxA11xBChHP/gAAAAAAABHgAAAAAAAAABHf/AAAAAAAABlWAEAAABzcQVYCgAAAGjDqWxsbyDinJNxBlgBAAAAYnEHY19jb2RlY3MKZW5jb2RlCnEIKFgDAAAAAMO/cQlYBgAAAGxhdGluMXEKdHELUnEMWAEAAAB0cQ0oSwEoSwJLA3RxDil0cQ9YBgAAAG5lc3RlZHEQfXERWAEAAABrcRJdcRMoTkkwMQpJMDAKZXNLBVgHAAAAaW50IGtleXEUdS4=",
  "gAJ9cQAoWAQAAABpbnRzcQFdcQIoSwBLAUr/////S/9NAAFN//9KAAABAEoAAACAigUAAACAAIoJAAAAAAAAAIAAigkAAAAAAAAAAMBlWAYAAABmbG9hdHNxA11xBChHP/gAAAAAAABHgAAAAAAAAABHf/AAAAAAAABlWAEAAABzcQVYCgAAAGjDqWxsbyDinJNxBlgBAAAAYnEHY19jb2RlY3MKZW5jb2RlCnEIWAMAAAAAw79xCVgGAAAAbGF0aW4xcQqGcQtScQxYAQAAAHRxDUsBSwJLA4ZxDimHcQ9YBgAAAG5lc3RlZHEQfXERWAEAAABrcRJdcRMoToiJZXNLBVgHAAAAaW50IGtleXEUdS4=",
  "gAN9cQAoWAQAAABpbnRzcQFdcQIoSwBLAUr/////S/9NAAFN//9KAAABAEoAAACAigUAAACAAIoJAAAAAAAAAIAAigkAAAAAAAAAAMBlWAYAAABmbG9hdHNxA11xBChHP/gAAAAAAABHgAAAAAAAAABHf/AAAAAAAABlWAEAAABzcQVYCgAAAGjDqWxsbyDinJNxBlgBAAAAYnEHQwIA/3EIWAEAAAB0cQlLAUsCSwOGcQoph3ELWAYAAABuZXN0ZWRxDH1xDVgBAAAAa3EOXXEPKE6IiWVzSwVYBwAAAGludCBrZXlxEHUu",
  "gASVvAAAAAAAAAB9lCiMBGludHOUXZQoSwBLAUr/////S/9NAAFN//9KAAABAEoAAACAigUAAACAAIoJAAAAAAAAAIAAigkAAAAAAAAAAMBljAZmbG9hdHOUXZQoRz/4AAAAAAAAR4AAAAAAAAAAR3/wAAAAAAAAZYwBc5SMCmjDqWxsbyDinJOUjAFilEMCAP+UjAF0lEsBSwJLA4aUKYeUjAZuZXN0ZWSUfZSMAWuUXZQoToiJZXNLBYwHaW50IGtleZR1Lg==",
  "gAWVvAAAAAAAAAB9lCiMBGludHOUXZQoSwBLAUr/////S/9NAAFN//9KAAABAEoAAACAigUAAACAAIoJAAAAAAAAAIAAigkAAAAAAAAAAMBljAZmbG9hdHOUXZQoRz/4AAAAAAAAR4AAAAAAAAAAR3/wAAAAAAAAZYwBc5SMCmjDqWxsbyDinJOUjAFilEMCAP+UjAF0lEsBSwJLA4aUKYeUjAZuZXN0ZWSUfZSMAWuUXZQoToiJZXNLBYwHaW50IGtleZR1Lg==",
];
const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

describe("unpickle", () => {
  it.each(BY_PROTOCOL.map((s, p) => [p, s] as const))("reads CPython's protocol %i", (_p, s) => {
    const v = unpickle(b64(s)).value as Map<unknown, unknown>;
    expect(v).toBeInstanceOf(Map); // one key is an int, so a Map
    expect(v.get("ints")).toEqual([0, 1, -1, 255, 256, 65535, 65536, -(2 ** 31), 2 ** 31, 2n ** 63n, -(2n ** 70n)]);
    const floats = v.get("floats") as number[];
    expect(floats[0]).toBe(1.5);
    expect(Object.is(floats[1], -0)).toBe(true);
    expect(floats[2]).toBe(Infinity);
    expect(v.get("s")).toBe("héllo ✓");
    expect(v.get("b")).toEqual(new Uint8Array([0, 255]));
    expect(v.get("t")).toEqual([1, [2, 3], []]);
    expect(v.get("nested")).toEqual({ k: [null, true, false] });
    expect(v.get(5)).toBe("int key");
  });
  it("reads an OrderedDict as a plain object and sets as Sets", () => {
    expect(unpickle(b64("gAJjY29sbGVjdGlvbnMKT3JkZXJlZERpY3QKcQApUnEBKFgBAAAAYXECSwFYAQAAAGJxA11xBChHP/AAAAAAAABHQAAAAAAAAABldS4=")).value).toEqual({ a: 1, b: [1, 2] });
    expect(unpickle(b64("gASVGgAAAAAAAAB9lCiMAXOUj5QoSwFLApCMAWaUKEsDkZR1Lg==")).value).toEqual({ s: new Set([1, 2]), f: new Set([3]) });
  });
  it("reads numpy float64 scalars (as in OneProxy's eagle_* files)", () => {
    // pickle.dumps([numpy.float64(6.25)], protocol=4), numpy 1.x layout
    const scalar = bytes([0x80, 0x04, 0x5d], "(", [0x8c, 21], "numpy.core.multiarray", [0x8c, 6], "scalar", [0x93], [0x8c, 5], "numpy", [0x8c, 5], "dtype", [0x93], [0x8c, 2], "f8", [0x89, 0x88, 0x87, 0x52], "(K", [3], [0x8c, 1], "<NNNJ", [255, 255, 255, 255], "J", [255, 255, 255, 255], "K", [0], "tb", [0x43, 8], [0, 0, 0, 0, 0, 0, 0x19, 0x40], [0x86, 0x52], "e.");
    expect(unpickle(scalar).value).toEqual([6.25]);
  });
  it("refuses os.system without running it, naming the global", () => {
    const evil = bytes("cos\nsystem\n(S'touch /tmp/proxynas-pwned'\ntR.");
    expect(() => unpickle(evil, { file: "evil.pkl" })).toThrowError(UnsafePickleError);
    expect(() => unpickle(evil, { file: "evil.pkl" })).toThrowError(/evil\.pkl: refuses global os\.system: proxynas reads pickles as data only.*allowed globals: numpy\.dtype/);
    const evil4 = bytes([0x80, 0x04, 0x8c, 8], "builtins", [0x8c, 4], "eval", [0x93, 0x8c, 4], "1+1)", [0x85, 0x52, 0x2e]);
    expect(() => unpickle(evil4)).toThrowError(/refuses global builtins\.eval/);
    expect(() => unpickle(bytes("(ios\nsystem\nS'x'\n."))).toThrowError(/refuses global os\.system/);
  });
  it("names file, opcode and offset for truncated or corrupt data", () => {
    const good = b64(BY_PROTOCOL[2] as string);
    for (const cut of [1, 10, good.length - 1]) {
      expect(() => unpickle(good.subarray(0, cut), { file: "cut.pkl" })).toThrowError(InvalidDataError);
    }
    expect(() => unpickle(good.subarray(0, 10), { file: "cut.pkl" })).toThrowError(/cut\.pkl: truncated: needs \d+ more bytes at byte \d+ but the data ends at byte 10.*\(opcode \w+ at byte \d+\)/);
    expect(() => unpickle(bytes([0x80, 0x02, 0xff]), { file: "x.pkl" })).toThrowError(/x\.pkl: unknown opcode 0xff: not a pickle, or corrupt \(opcode 0xff at byte 2\)/);
    expect(() => unpickle(bytes([0x80, 0x06, 0x4e, 0x2e]))).toThrowError(/protocol above 5/);
    expect(() => unpickle(bytes("h", [7], "."))).toThrowError(/memo key 7 was never stored/);
    expect(() => unpickle(bytes("e."))).toThrowError(/no MARK/);
  });
  it("does not mutate its input", () => {
    const data = b64(BY_PROTOCOL[4] as string);
    const copy = data.slice();
    unpickle(data);
    expect(data).toEqual(copy);
  });
});

describe("unpickle limits (hostile input)", () => {
  const pickle = (...ops: number[]) => new Uint8Array([0x80, 0x02, ...ops, 0x2e]);
  it("reads a list nested 50,000 levels deep without overflowing the stack", () => {
    const n = 50_000;
    let v = unpickle(new Uint8Array([0x80, 0x02, ...new Array<number>(n).fill(0x5d), ...new Array<number>(n - 1).fill(0x61), 0x2e])).value;
    let depth = 1;
    while (Array.isArray(v) && v.length === 1) (v = v[0] as unknown[]), depth++;
    expect(depth).toBe(n);
  });
  it("decodes a 200 KB LONG4 in linear time", () => {
    const n = 200_000;
    const body = new Uint8Array(n).fill(0x11);
    body[n - 1] = 0x01;
    const b = new Uint8Array([0x80, 0x02, 0x8b, n & 255, (n >> 8) & 255, (n >> 16) & 255, 0, ...body, 0x2e]);
    const t0 = performance.now();
    const v = unpickle(b).value as bigint;
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(typeof v).toBe("bigint");
    expect(v.toString(16).length).toBe(2 * n - 1);
  });
  it("takes a big integer in a tuple key, and refuses a key of shared tuples that would expand exponentially", () => {
    // {(2**70,): 1}
    // (tuple keys become their JSON form, so the dict is an object with one key)
    expect(unpickle(pickle(0x7d, 0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x85, 0x4b, 1, 0x73)).value).toEqual({ "[1180591620717411303424]": 1 });
    // t = (1,); 26 times t = (t, t); {t: 1}: about 200 bytes, a key of 2^26 ones
    const ops = [0x7d, 0x4b, 1, 0x85];
    for (let i = 0; i < 26; i++) ops.push(0x71, i, 0x68, i, 0x86);
    ops.push(0x4b, 1, 0x73);
    const t0 = performance.now();
    expect(() => unpickle(pickle(...ops), { file: "keys.pkl" })).toThrowError(/keys\.pkl: a dict key \(a tuple\) expands to more than 1048576 characters/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
