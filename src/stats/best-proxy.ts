/**
 * Which proxy serves which target: the best-correlated device for each
 * target, never the target itself, an alias of it or (by default) the same
 * hardware measured elsewhere or at another batch size, and the paper's rule as a
 * verdict: SRCC >= 0.9 means "reuse the proxy's architectures as they are",
 * below means "adapt".
 */
import { relatedDevice, sameDevice } from "../data/devices.js";
import { InvalidArgumentError } from "../errors.js";
import type { MonotonicityMatrix } from "./monotonicity-matrix.js";

/**
 * The paper's threshold for reusing a proxy's architectures unchanged.
 *
 * @example
 * ```ts
 * bestProxies(m).filter((b) => b.srcc >= REUSE_THRESHOLD);
 * ```
 */
export const REUSE_THRESHOLD = 0.9;

/** The verdict for one (proxy, target) pair. */
export type ProxyVerdict = "reuse" | "adapt";

/**
 * The paper's rule for one correlation. NaN (no evidence) is "adapt".
 *
 * @example
 * ```ts
 * proxyVerdict(0.93); // "reuse"
 * proxyVerdict(0.71); // "adapt"
 * ```
 */
export function proxyVerdict(r: number, threshold = REUSE_THRESHOLD): ProxyVerdict {
  return r >= threshold ? "reuse" : "adapt";
}

/** The best proxy of one target. */
export interface BestProxy {
  readonly target: string;
  readonly proxy: string;
  readonly value: number;
  readonly pairs: number;
  readonly verdict: ProxyVerdict;
}

/**
 * For each target, the device of the pool with the highest correlation,
 * leaving out the target and its aliases (the same column under another
 * name, value for value) and, by default, every related device: the same
 * hardware model measured in another study (OneProxy's Adreno640* and
 * Adreno640, EdgeTPU* and EdgeTPU) and the same GPU at another batch size.
 * Such a pair correlates highly without saying anything about reusing a
 * proxy on other hardware.
 *
 * @param options.pool - candidate proxies (default: every device of the matrix)
 * @param options.targets - default: every device of the matrix
 * @param options.leaveOut - `related` (default) or `aliases` (only the target's aliases)
 * @throws {InvalidArgumentError} for a device not in the matrix, or a target with no candidate left
 * @example
 * ```ts
 * bestProxies(m, { targets: ["pixel3"] }); // [{ target: "pixel3", proxy: "...", value: 0.97, verdict: "reuse" }]
 * ```
 */
export function bestProxies(m: MonotonicityMatrix, options: { pool?: readonly string[]; targets?: readonly string[]; threshold?: number; leaveOut?: "aliases" | "related" } = {}): BestProxy[] {
  const leaveOut = options.leaveOut ?? "related";
  if (leaveOut !== "aliases" && leaveOut !== "related") throw new InvalidArgumentError(`bestProxies: leaveOut ${JSON.stringify(leaveOut)}; valid: related, aliases`);
  const excluded = leaveOut === "related" ? relatedDevice : sameDevice;
  const at = (d: string) => {
    const i = m.devices.indexOf(d);
    if (i < 0) throw new InvalidArgumentError(`bestProxies: ${d} is not in the matrix; devices: ${m.devices.join(", ")}`);
    return i;
  };
  const pool = options.pool ?? m.devices;
  return (options.targets ?? m.devices).map((target) => {
    const t = at(target);
    let best: BestProxy | undefined;
    for (const p of pool) {
      if (excluded(p, target)) continue;
      const i = at(p);
      const value = (m.matrix[i] as number[])[t] as number;
      if (Number.isNaN(value)) continue;
      if (!best || value > best.value) best = { target, proxy: p, value, pairs: (m.pairs[i] as number[])[t] as number, verdict: proxyVerdict(value, options.threshold) };
    }
    if (!best) throw new InvalidArgumentError(`bestProxies: no proxy for ${target} in the pool (${pool.join(", ")}) once the target and its ${leaveOut === "related" ? "related devices" : "aliases"} are left out`);
    return best;
  });
}
