/** OneProxy's table and the Myriad VPU's adaptation context, loaded once per test file. */
import { adaptContext } from "../../src/adapt/adapt.js";
import type { AdaptContext } from "../../src/adapt/method.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { mirrorDir } from "./mirror.js";

let cached: Promise<{ table: LatencyTable; ctx: AdaptContext }> | undefined;

/** `oneproxy-nb201` and `adaptContext(it, ["true_vpu"])`. */
export function oneproxyContext(): Promise<{ table: LatencyTable; ctx: AdaptContext }> {
  cached ??= loadTable("oneproxy-nb201", { mirror: mirrorDir() }).then((table) => ({ table, ctx: adaptContext(table, ["true_vpu"]) }));
  return cached;
}
