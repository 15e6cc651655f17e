import { readFileSync } from "node:fs";
import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { InvalidDataError } from "../../src/errors.js";
import { readPickle } from "../../src/io/pickle.js";
import { isTensor, parseTorch, readTorch, type Tensor } from "../../src/io/torch.js";
import { mirrorFile } from "../helpers/mirror.js";

const enc = (s: string) => [...Buffer.from(s, "latin1")];
const uni = (s: string) => {
  const b = [...Buffer.from(s, "utf8")];
  return [0x58, b.length & 255, (b.length >> 8) & 255, 0, 0, ...b];
};

/** torch.save-like zip: a float tensor viewing storage 0..5 as shape (3,2), stride (1,3) (a transpose). */
function tinyCheckpoint(numel = 6): Uint8Array {
  const pkl = new Uint8Array([
    0x80, 0x02, ...enc("ctorch._utils\n_rebuild_tensor_v2\n"), 0x28,
    0x28, ...uni("storage"), ...enc("ctorch\nFloatStorage\n"), ...uni("0"), ...uni("cpu"), 0x4b, numel, 0x74, 0x51,
    0x4b, 0, 0x4b, 3, 0x4b, 2, 0x86, 0x4b, 1, 0x4b, 3, 0x86, 0x89, ...enc("ccollections\nOrderedDict\n"), 0x29, 0x52,
    0x74, 0x52, 0x2e,
  ]);
  const storage = new Uint8Array(new Float32Array([0, 1, 2, 3, 4, 5]).buffer);
  return zipSync({ "archive/data.pkl": pkl, "archive/data/0": storage, "archive/version": new Uint8Array([0x33, 0x0a]) }, { level: 0 });
}

describe("parseTorch (zip format)", () => {
  it("rebuilds a strided tensor in row-major order", () => {
    const t = parseTorch(tinyCheckpoint(), "tiny.pt") as Tensor;
    expect(isTensor(t)).toBe(true);
    expect(t.dtype).toBe("float32");
    expect(t.shape).toEqual([3, 2]);
    expect([...t.data]).toEqual([0, 3, 1, 4, 2, 5]);
  });
  it("names the file for a truncated zip, a missing storage, or a view past its storage", () => {
    const good = tinyCheckpoint();
    expect(() => parseTorch(good.subarray(0, good.length - 30), "cut.pt")).toThrowError(/cut\.pt: corrupt or truncated zip archive/);
    const noStorage = zipSync({ "archive/data.pkl": unzipSync(good)["archive/data.pkl"] as Uint8Array });
    expect(() => parseTorch(noStorage, "nostore.pt")).toThrowError(/nostore\.pt: storage archive\/data\/0 is missing/);
    expect(() => parseTorch(checkpoint([3, 2], [1, 3], 4), "short.pt")).toThrowError(/short\.pt: tensor of shape \[3,2\] at offset 0 reads past storage 0 \(4 elements\)/);
    expect(() => parseTorch(tinyCheckpoint(4), "long.pt")).toThrowError(/long\.pt: storage archive\/data\/0 declares 24 bytes, but its reference needs 16/);
    expect(() => parseTorch(new Uint8Array([1, 2, 3, 4]), "junk.pt")).toThrowError(/junk\.pt: neither a torch zip checkpoint/);
  });
});

/** A float checkpoint whose tensor has the given 16-bit shape and stride over a storage of `numel` floats, with optional extra entries. */
function checkpoint(shape: readonly [number, number], stride: readonly [number, number], numel: number, extra: Record<string, Uint8Array> = {}): Uint8Array {
  const u16 = (v: number) => [0x4d, v & 255, (v >> 8) & 255];
  const pkl = new Uint8Array([
    0x80, 0x02, ...enc("ctorch._utils\n_rebuild_tensor_v2\n"), 0x28,
    0x28, ...uni("storage"), ...enc("ctorch\nFloatStorage\n"), ...uni("0"), ...uni("cpu"), ...u16(numel), 0x74, 0x51,
    0x4b, 0, ...u16(shape[0]), ...u16(shape[1]), 0x86, ...u16(stride[0]), ...u16(stride[1]), 0x86, 0x89, ...enc("ccollections\nOrderedDict\n"), 0x29, 0x52,
    0x74, 0x52, 0x2e,
  ]);
  const storage = new Uint8Array(new Float32Array(numel).fill(1).buffer);
  return zipSync({ "archive/data.pkl": pkl, "archive/data/0": storage, ...extra }, { level: 6 });
}

describe("parseTorch limits (memory bombs)", () => {
  it("refuses a stride-0 view that declares billions of elements over a one-element storage, saying how to raise the limit", () => {
    const bomb = checkpoint([65535, 65535], [0, 0], 1);
    expect(bomb.length).toBeLessThan(2000);
    expect(() => parseTorch(bomb, "bomb.pt")).toThrowError(/bomb\.pt: a tensor of shape \[65535,65535\] has 4294836225 elements .* over the limit of 134217728; pass \{ maxElements \}/);
    // within a raised limit, a small broadcast view is read
    const small = parseTorch(checkpoint([3, 4], [0, 0], 1), "small.pt") as Tensor;
    expect([...small.data]).toEqual(new Array(12).fill(1));
    expect(() => parseTorch(checkpoint([3, 4], [0, 0], 1), "small.pt", { maxElements: 10 })).toThrowError(/over the limit of 10/);
  });
  it("inflates only the entries it reads: an unused entry of 64 MiB of zeros is never inflated, and a storage larger than its reference is refused", () => {
    const unused = checkpoint([2, 2], [2, 1], 4, { "archive/data/unused": new Uint8Array(64 * 2 ** 20) });
    const t0 = performance.now();
    expect([...(parseTorch(unused, "unused.pt") as Tensor).data]).toEqual([1, 1, 1, 1]);
    expect(performance.now() - t0).toBeLessThan(2000);
    const big = zipSync({ ...unzipSync(checkpoint([2, 2], [2, 1], 4)), "archive/data/0": new Uint8Array(1024) });
    expect(() => parseTorch(big, "big.pt")).toThrowError(/big\.pt: storage archive\/data\/0 declares 1024 bytes, but its reference needs 16/);
  });
});

describe("readTorch and readPickle on the mirror (golden values)", () => {
  it("reads HELP's latency list: NAS-Bench-201 index 0 on pixel3 is 3.60585 ms", async () => {
    const lat = (await readTorch(mirrorFile("help/nasbench201/latency/pixel3.pt"))) as number[];
    expect(lat).toHaveLength(15625);
    expect(lat[0]).toBeCloseTo(3.60585, 5);
    expect((await readTorch(mirrorFile("help/nasbench201/latency/raspi4.pt")) as number[])[0]).toBeCloseTo(10.482, 3);
  });
  it("reads HELP's architecture index and the OFA subnets", async () => {
    const idx = (await readTorch(mirrorFile("help/nasbench201/str_arch2idx.pt"))) as Record<string, number>;
    expect(Object.keys(idx)).toHaveLength(15625);
    expect(idx["|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|"]).toBe(0);
    const ofa = (await readTorch(mirrorFile("help/ofa/ofa_archs.pt"))) as { arch: { ks: number[]; e: number[]; d: number[]; r: number }[] };
    expect(ofa.arch).toHaveLength(5000);
    expect(ofa.arch[0]?.ks).toHaveLength(20);
    expect(ofa.arch[0]?.d).toHaveLength(5);
  });
  it("reads the legacy-format OFA accuracy predictor as float32 tensors", async () => {
    const state = (await readTorch(mirrorFile("ofa/acc_predictor.pth"))) as Record<string, Tensor>;
    expect(Object.keys(state)).toEqual(["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "6.weight", "6.bias"]);
    expect(state["0.weight"]?.shape).toEqual([400, 128]);
    expect(state["6.weight"]?.shape).toEqual([1, 400]);
    expect(state["0.weight"]?.data).toBeInstanceOf(Float32Array);
    expect(state["0.weight"]?.data[0]).toBeCloseTo(-0.06205279, 7);
    expect(state["6.bias"]?.data[0]).toBeCloseTo(0.7586752, 6);
  });
  it("names the file when the legacy file is truncated", () => {
    const bytes = readFileSync(mirrorFile("ofa/acc_predictor.pth"));
    expect(() => parseTorch(bytes.subarray(0, bytes.length - 100), "acc.pth")).toThrowError(/acc\.pth: truncated: storage \d+ needs \d+ bytes/);
    expect(() => parseTorch(bytes.subarray(0, 500), "acc.pth")).toThrowError(InvalidDataError);
  });
  it("reads OneProxy pickles: numpy scalars, plain floats, -1 sentinels, one-hot rows", async () => {
    const gtx = (await readPickle(mirrorFile("oneproxy/latency_data/eagle_gtx.pickle"))) as number[];
    expect(gtx).toHaveLength(1999);
    expect(typeof gtx[0]).toBe("number");
    const tpu = (await readPickle(mirrorFile("oneproxy/latency_data/rice_edgetpu.pickle"))) as number[];
    expect(tpu.filter((x) => x === -1)).toHaveLength(259);
    const encode = (await readPickle(mirrorFile("oneproxy/encode.pickle"))) as number[][];
    expect(encode).toHaveLength(1999);
    expect(encode.every((r) => r.length === 31 && r[30] === 1)).toBe(true);
  });
});
