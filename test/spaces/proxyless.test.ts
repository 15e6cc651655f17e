import { describe, expect, it } from "vitest";
import { seededRng } from "../../src/random.js";
import { canonicalArch } from "../../src/spaces/space.js";
import {
  PROXYLESS_LAYERS,
  PROXYLESS_OPS,
  PROXYLESS_SKIP,
  proxylessFormat,
  proxylessLayerKeys,
  proxylessLayers,
  proxylessMutate,
  proxylessOneHot,
  proxylessParse,
  proxylessSample,
} from "../../src/spaces/proxyless.js";

const ALL_K3E6 = Array(21).fill("k3e6").join("-");
// the stage-first layers (0, 4, 8, 12, 16, 20) cannot be skipped
const FIRSTS = [0, 4, 8, 12, 16, 20];
const SMALLEST = Array.from({ length: 21 }, (_, l) => (FIRSTS.includes(l) ? "k3e3" : "skip")).join("-");

describe("ProxylessNAS space", () => {
  it("has 21 searchable layers in stages of 4, 4, 4, 4, 4, 1; parse and format round-trip", () => {
    expect(PROXYLESS_LAYERS).toBe(21);
    expect(proxylessFormat(proxylessParse(ALL_K3E6))).toBe(ALL_K3E6);
    expect(canonicalArch("proxyless", SMALLEST)).toBe(SMALLEST);
    const layers = proxylessLayers(proxylessParse(ALL_K3E6));
    expect(layers.map((l) => l.cout)).toEqual([24, 24, 24, 24, 40, 40, 40, 40, 80, 80, 80, 80, 96, 96, 96, 96, 192, 192, 192, 192, 320]);
    expect(layers.filter((l) => !l.residual).map((_, i) => i)).toHaveLength(6);
    expect(layers.map((l) => l.size)).toEqual([112, 56, 56, 56, 56, 28, 28, 28, 28, 14, 14, 14, 14, 14, 14, 14, 14, 7, 7, 7, 7]);
    expect(layers[0]).toEqual({ cin: 16, cout: 24, size: 112, stride: 2, residual: false, op: { kernel: 3, expand: 6 } });
  });
  it("rejects a skip on a stage's first layer, an unknown op and a wrong layer count, naming them", () => {
    expect(() => proxylessParse(["skip", ...Array(20).fill("k3e6")].join("-"))).toThrow(/layer 0 is the first of its stage and cannot be skip/);
    expect(() => proxylessParse(ALL_K3E6.replace(/k3e6$/, "k9e6"))).toThrow(/layer 20 op "k9e6" is unknown; ops: k3e3, k3e6/);
    expect(() => proxylessParse("k3e6-k3e6")).toThrow(/has 2 layers, expected 21/);
    expect(() => proxylessFormat([7, ...Array(20).fill(0)])).toThrow(/op ids in 0..6/);
  });
  it("samples every allowed choice and never an invalid one; mutation changes at least one layer and stays valid", () => {
    const rng = seededRng(3);
    const seen = Array.from({ length: PROXYLESS_LAYERS }, () => new Set<number>());
    for (let i = 0; i < 400; i++) {
      const a = proxylessSample(rng);
      expect(() => proxylessFormat(a)).not.toThrow();
      a.forEach((b, l) => seen[l]?.add(b));
      const m = proxylessMutate(a, rng, 0.1);
      expect(m.some((b, l) => b !== a[l])).toBe(true);
      expect(() => proxylessFormat(m)).not.toThrow();
    }
    seen.forEach((s, l) => expect(s.size, `layer ${l}`).toBe(FIRSTS.includes(l) ? PROXYLESS_SKIP : PROXYLESS_OPS.length));
    expect(proxylessFormat(proxylessSample(seededRng(9)))).toBe(proxylessFormat(proxylessSample(seededRng(9))));
  });
  it("one-hot: one 1 per layer at its choice", () => {
    const x = proxylessOneHot(proxylessParse(SMALLEST));
    expect(x).toHaveLength(147);
    expect(x.reduce((a, b) => a + b, 0)).toBe(21);
    expect(x[1 * 7 + PROXYLESS_SKIP]).toBe(1);
    expect(x[0]).toBe(1);
  });
  it("lookup-table keys: stem, first block, each layer that runs, final convolution and classifier, in ProxylessNAS's format", () => {
    const keys = proxylessLayerKeys(proxylessParse(SMALLEST));
    expect(keys).toEqual([
      "Conv-input:224x224x3-output:112x112x32",
      "expanded_conv-input:112x112x32-output:112x112x16-expand:1-kernel:3-stride:1-idskip:0",
      "expanded_conv-input:112x112x16-output:56x56x24-expand:3-kernel:3-stride:2-idskip:0",
      "expanded_conv-input:56x56x24-output:28x28x40-expand:3-kernel:3-stride:2-idskip:0",
      "expanded_conv-input:28x28x40-output:14x14x80-expand:3-kernel:3-stride:2-idskip:0",
      "expanded_conv-input:14x14x80-output:14x14x96-expand:3-kernel:3-stride:1-idskip:0",
      "expanded_conv-input:14x14x96-output:7x7x192-expand:3-kernel:3-stride:2-idskip:0",
      "expanded_conv-input:7x7x192-output:7x7x320-expand:3-kernel:3-stride:1-idskip:0",
      "Conv_1-input:7x7x320-output:7x7x1280",
      "Logits-input:7x7x1280-output:1000",
    ]);
    expect(proxylessLayerKeys(proxylessParse(ALL_K3E6))).toHaveLength(2 + 21 + 2);
    expect(proxylessLayerKeys(proxylessParse(ALL_K3E6))[3]).toBe("expanded_conv-input:56x56x24-output:56x56x24-expand:6-kernel:3-stride:1-idskip:1");
  });
});
