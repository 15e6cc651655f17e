import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors.js";
import { seededRng } from "../../src/random.js";
import { fbnetFormat, fbnetSample } from "../../src/spaces/fbnet.js";
import { nb201Enumerate, nb201Format } from "../../src/spaces/nb201.js";
import { ofaFormat, ofaSample } from "../../src/spaces/ofa.js";
import { canonicalArch, parseSpace, SPACE_NAMES } from "../../src/spaces/space.js";

describe("search spaces", () => {
  it("parseSpace takes the three spaces and lists them otherwise", () => {
    for (const s of SPACE_NAMES) expect(parseSpace(s)).toBe(s);
    expect(() => parseSpace("darts")).toThrowError(/invalid value "darts"; valid: nb201, ofa-mbv3, fbnet/);
  });
  it("canonicalArch is the identity on canonical strings of every space", () => {
    const rng = seededRng(5);
    for (const a of nb201Enumerate().slice(0, 50).map(nb201Format)) expect(canonicalArch("nb201", a)).toBe(a);
    for (let i = 0; i < 20; i++) {
      const o = ofaFormat(ofaSample(rng));
      expect(canonicalArch("ofa-mbv3", o)).toBe(o);
      const f = fbnetFormat(fbnetSample(rng));
      expect(canonicalArch("fbnet", f)).toBe(f);
    }
  });
  it("rejects a string that is not an architecture of the space, saying why", () => {
    expect(() => canonicalArch("nb201", "|conv~0|")).toThrowError(InvalidArgumentError);
    expect(() => canonicalArch("ofa-mbv3", "r999-d44444")).toThrowError(InvalidArgumentError);
  });
});
