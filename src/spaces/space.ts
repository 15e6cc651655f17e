/**
 * The search spaces proxynas knows, by name, and the one operation every
 * table needs from them: the canonical string of an architecture.
 */
import { oneOf } from "../errors.js";
import { fbnetFormat, fbnetParse } from "./fbnet.js";
import { isNb201Canonical, nb201Format, nb201Parse } from "./nb201.js";
import { ofaFormat, ofaParse } from "./ofa.js";
import { proxylessFormat, proxylessParse } from "./proxyless.js";

/**
 * - `nb201`: NAS-Bench-201 (15,625 cells; official index).
 * - `ofa-mbv3`: Once-for-All MobileNetV3 subnets.
 * - `fbnet`: FBNet (22 layers x 9 blocks).
 * - `proxyless`: ProxylessNAS mobile, on MobileNet-V2 (21 layers x 7 choices).
 */
export type SpaceName = "nb201" | "ofa-mbv3" | "fbnet" | "proxyless";
/**
 * The search spaces proxynas encodes.
 *
 * @example
 * ```ts
 * SPACE_NAMES; // ["nb201", "ofa-mbv3", "fbnet", "proxyless"]
 * ```
 */
export const SPACE_NAMES: readonly SpaceName[] = ["nb201", "ofa-mbv3", "fbnet", "proxyless"];

/**
 * Validates a space name.
 *
 * @throws {InvalidArgumentError} listing the spaces
 *
 * @example
 * ```ts
 * parseSpace("nb201"); // "nb201"
 * parseSpace("darts"); // throws InvalidArgumentError listing the spaces
 * ```
 */
export function parseSpace(name: unknown): SpaceName {
  return oneOf("space", name, SPACE_NAMES);
}

/**
 * The canonical string of an architecture string in a space (validated).
 *
 * @throws {InvalidArgumentError} saying why the string is not an architecture of the space
 * @example
 * ```ts
 * canonicalArch("ofa-mbv3", "r160-d22222-k33003300330033003300-e66006600660066006600");
 * ```
 */
export function canonicalArch(space: SpaceName, arch: string): string {
  switch (space) {
    case "nb201":
      return isNb201Canonical(arch) ? arch : nb201Format(nb201Parse(arch));
    case "ofa-mbv3":
      return ofaFormat(ofaParse(arch));
    case "fbnet":
      return fbnetFormat(fbnetParse(arch));
    case "proxyless":
      return proxylessFormat(proxylessParse(arch));
  }
}
