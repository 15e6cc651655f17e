import { describe, expect, it } from "vitest";
import { readTorch } from "../../src/io/torch.js";
import {
  Nb201Index, NB201_SIZE, nb201Code, nb201Enumerate, nb201Format, nb201FromCode, nb201FromOneHot, nb201IsomorphismKey, nb201OneHot, nb201Parse,
} from "../../src/spaces/nb201.js";
import { mirrorFile } from "../helpers/mirror.js";

const INDEX0 = "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|";

describe("NAS-Bench-201 strings, codes, one-hot", () => {
  it("parses and formats the published string", () => {
    expect(nb201Parse(INDEX0)).toEqual([4, 2, 1, 2, 1, 1]);
    expect(nb201Format([4, 2, 1, 2, 1, 1])).toBe(INDEX0);
  });
  it("round-trips every architecture through string, code and one-hot", () => {
    const all = nb201Enumerate();
    expect(all).toHaveLength(NB201_SIZE);
    all.forEach((a, c) => {
      expect(nb201Code(a)).toBe(c);
      if (c % 97 === 0) {
        expect(nb201Parse(nb201Format(a))).toEqual(a);
        expect(nb201FromOneHot(nb201OneHot(a))).toEqual(a);
        expect(nb201FromCode(c)).toEqual(a);
      }
    });
    expect(new Set(all.map(nb201Format)).size).toBe(NB201_SIZE);
  });
  it("one-hot has one 1 per edge, edge-major", () => {
    const x = nb201OneHot([0, 1, 2, 3, 4, 0]);
    expect(Array.from(x).join("")).toBe("10000" + "01000" + "00100" + "00010" + "00001" + "10000");
    expect(x.reduce((a, b) => a + b, 0)).toBe(6);
  });
  it("rejects malformed strings with the reason", () => {
    expect(() => nb201Parse("|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|")).toThrowError(/unknown operation "conv_5x5"/);
    expect(() => nb201Parse("|none~0|+|none~0|none~1|")).toThrowError(/2 node groups separated by "\+", expected 3/);
    expect(() => nb201Parse("|none~0|+|none~0|none~0|+|none~0|none~1|none~2|")).toThrowError(/must read input 1/);
    expect(() => nb201Parse("|none~0|+|none~0|+|none~0|none~1|none~2|")).toThrowError(/node 2 has 1 inputs, expected 2/);
    expect(() => nb201Format([0, 0, 0, 0, 0, 5])).toThrowError(/expected 6 operation ids in 0..4/);
    expect(() => nb201FromCode(15625)).toThrowError(/not a code in 0..15624/);
    expect(() => nb201FromOneHot(new Array(30).fill(0))).toThrowError(/edge 0 has 0 operations set/);
  });
});

describe("isomorphism keys", () => {
  const all = nb201Enumerate();
  it("published rule gives NAS-Bench-201's 6,466 unique cells; functional rule merges further", () => {
    expect(new Set(all.map((a) => nb201IsomorphismKey(a, "nasbench201"))).size).toBe(6466);
    const functional = new Set(all.map((a) => nb201IsomorphismKey(a)));
    expect(functional.size).toBe(5773);
  });
  it("a dead edge does not change the functional key, a live one does", () => {
    const a = nb201Parse("|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|none~2|");
    const b = nb201Parse("|nor_conv_3x3~0|+|skip_connect~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|");
    const c = nb201Parse("|nor_conv_3x3~0|+|skip_connect~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|none~2|");
    expect(nb201IsomorphismKey(a)).toBe(nb201IsomorphismKey(b));
    expect(nb201IsomorphismKey(a)).not.toBe(nb201IsomorphismKey(c));
    expect(nb201IsomorphismKey([0, 0, 0, 0, 0, 0])).toBe("zero");
  });
  it("the functional key is order-free in sums: swapping the two inputs of node 3 through symmetric paths", () => {
    // node1 = conv3(x), node2 = conv1(x); out = node1 + node2  vs  node1 = conv1(x), node2 = conv3(x); out = node1 + node2
    const p = nb201Parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|none~0|skip_connect~1|skip_connect~2|");
    const q = nb201Parse("|nor_conv_1x1~0|+|nor_conv_3x3~0|none~1|+|none~0|skip_connect~1|skip_connect~2|");
    expect(nb201IsomorphismKey(p)).toBe(nb201IsomorphismKey(q));
  });
});

describe("Nb201Index from HELP's str_arch2idx.pt", () => {
  it("is a bijection with index 0 at the published architecture", async () => {
    const map = (await readTorch(mirrorFile("help/nasbench201/str_arch2idx.pt"))) as Record<string, number>;
    const index = Nb201Index.fromEntries(Object.entries(map), "str_arch2idx.pt");
    expect(index.indexOf(nb201Parse(INDEX0))).toBe(0);
    expect(nb201Format(index.archAt(0))).toBe(INDEX0);
    for (const [s, i] of Object.entries(map).slice(0, 500)) expect(index.indexOf(nb201Parse(s))).toBe(i);
  });
  it("rejects duplicates, gaps and bad strings, naming the source", () => {
    expect(() => Nb201Index.fromEntries([[INDEX0, 0], [INDEX0, 1]], "dup.pt")).toThrowError(/dup\.pt: architecture .* appears twice/);
    expect(() => Nb201Index.fromEntries([[INDEX0, 0]], "gap.pt")).toThrowError(/gap\.pt: no architecture for index 1/);
    expect(() => Nb201Index.fromEntries([["|x~0|", 0]], "bad.pt")).toThrowError(/bad\.pt: nb201Parse/);
    expect(() => Nb201Index.fromEntries([[INDEX0, 20000]], "range.pt")).toThrowError(/index 20000 of .* is outside 0..15624/);
  });
});
