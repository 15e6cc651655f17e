/**
 * `adaproxy`: the OneProxy paper's objective exactly, `y = x . (w * (a 1 + b)) + c`
 * with `mean (y_hat - y)^2 + λ ||b||_p`, p in {1, 2, inf}, w the proxy's
 * operator-level linear model, λ chosen by SRCC on V validation samples.
 */
import { powerIteration } from "../predict/power-iteration.js";
import { ridgeFit, takeRows, type Matrix } from "../predict/ridge.js";
import { seededRng, shuffled } from "../random.js";
import { spearman } from "../stats/correlation.js";
import { standardise } from "../stats/zscore.js";
import type { AdaProxyNorm, AdaptContext, Measured, MethodOptions } from "./method.js";
import { bestProxyOnSamples } from "./proxy-only.js";

/** AdaProxy's λ grid. */
export const ADAPROXY_LAMBDAS: readonly number[] = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100];

/** AdaProxy's columns for one proxy: s = x.w (n), u = x * w (n x 30). */
function adaProxyDesign(ctx: AdaptContext, j: number): Matrix {
  const w = (ctx.operatorModels[j] as { weights: Float64Array }).weights;
  const n = ctx.onehot.rows;
  const p = ctx.onehot.cols;
  const data = new Float64Array(n * (p + 1));
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < p; f++) {
      const u = (ctx.onehot.data[i * p + f] as number) * (w[f] as number);
      data[i * (p + 1) + 1 + f] = u;
      s += u;
    }
    data[i * (p + 1)] = s;
  }
  return { rows: n, cols: p + 1, data };
}

/** Largest eigenvalue of X'X / n (power iteration), for the proximal step size. */
function lipschitz(x: Matrix): number {
  const xtx = (v: Float64Array) => {
    const xv = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) xv[i] = (xv[i] as number) + (x.data[i * x.cols + j] as number) * (v[j] as number);
    const w = new Float64Array(x.cols);
    for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) w[j] = (w[j] as number) + (x.data[i * x.cols + j] as number) * (xv[i] as number);
    return w;
  };
  return powerIteration(xtx, x.cols, 100).value / x.rows;
}

/** Euclidean projection onto the l1 ball of radius r (Duchi et al. 2008). */
function projectL1(v: Float64Array, r: number): Float64Array {
  let l1 = 0;
  for (const q of v) l1 += Math.abs(q);
  if (l1 <= r) return v.slice();
  const u = Float64Array.from(v, Math.abs).sort().reverse();
  let cum = 0;
  let theta = 0;
  for (let k = 0; k < u.length; k++) {
    cum += u[k] as number;
    const t = (cum - r) / (k + 1);
    if ((u[k] as number) > t) theta = t;
  }
  return v.map((q) => Math.sign(q) * Math.max(Math.abs(q) - theta, 0));
}

/** The proximal operator of r ||.||_inf: v minus v's projection onto the l1 ball of radius r. */
function proxLinf(v: Float64Array, r: number): Float64Array {
  const projected = projectL1(v, r);
  return v.map((q, k) => q - (projected[k] as number));
}

/**
 * Minimises mean (c + a s + u.b - y)^2 + λ ||b||_p over (c, a, b): closed form
 * for p = 2 (λ ||b||²), accelerated proximal gradient (FISTA) for p = 1 and inf.
 * Columns: 0 = s, 1.. = u. Returns [c, a, b...].
 */
export function fitAdaProxyObjective(x: Matrix, y: Float64Array, lambda: number, norm: AdaProxyNorm): Float64Array {
  const n = x.rows;
  if (norm === 2) {
    const pen = new Float64Array(x.cols).fill(lambda * n);
    pen[0] = 1e-9 * n;
    const { model } = ridgeFit(x, y, pen);
    return Float64Array.from([model.intercept, ...model.weights]);
  }
  // centre to remove the intercept, then FISTA on (a, b)
  const p = x.cols;
  const mx = new Float64Array(p);
  let my = 0;
  for (let i = 0; i < n; i++) {
    my += y[i] as number;
    for (let j = 0; j < p; j++) mx[j] = (mx[j] as number) + (x.data[i * p + j] as number);
  }
  my /= n;
  for (let j = 0; j < p; j++) mx[j] = (mx[j] as number) / n;
  const xc: Matrix = { rows: n, cols: p, data: Float64Array.from(x.data, (v, k) => v - (mx[k % p] as number)) };
  const yc = Float64Array.from(y, (v) => v - my);
  const step = 1 / (2 * lipschitz(xc) + 1e-12);
  let theta = new Float64Array(p);
  let z = theta.slice();
  let t = 1;
  for (let it = 0; it < 3000; it++) {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = -(yc[i] as number);
      for (let j = 0; j < p; j++) s += (xc.data[i * p + j] as number) * (z[j] as number);
      r[i] = s;
    }
    const g = new Float64Array(p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) g[j] = (g[j] as number) + (2 / n) * (xc.data[i * p + j] as number) * (r[i] as number);
    const v = Float64Array.from(z, (q, j) => q - step * (g[j] as number));
    const b = v.subarray(1);
    // p = 1: soft thresholding; p = inf: Moreau's decomposition, v minus its projection onto the l1 ball (computed once per step)
    const proxB = norm === 1 ? b.map((q) => Math.sign(q) * Math.max(Math.abs(q) - step * lambda, 0)) : proxLinf(b, step * lambda);
    const next = new Float64Array(p);
    next[0] = v[0] as number;
    next.set(proxB, 1);
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    let delta = 0;
    z = Float64Array.from(next, (q, j) => {
      delta = Math.max(delta, Math.abs(q - (theta[j] as number)));
      return q + ((t - 1) / tNext) * (q - (theta[j] as number));
    });
    theta = next;
    t = tNext;
    if (delta < 1e-10) break;
  }
  let c = my;
  for (let j = 0; j < p; j++) c -= (mx[j] as number) * (theta[j] as number);
  return Float64Array.from([c, ...theta]);
}

/** Predicts every row with AdaProxy's objective (λ by validation SRCC). */
export function adaProxy(ctx: AdaptContext, m: Measured, options: MethodOptions): Float64Array {
  const j = bestProxyOnSamples(ctx, m);
  const design = adaProxyDesign(ctx, j);
  const norm = options.norm ?? 2;
  const k = m.rows.length;
  const v = Math.min(options.validation ?? Math.max(2, Math.round(k / 7)), k - 2);
  const order = shuffled(seededRng(options.seed ?? 0), m.rows.map((_, i) => i));
  const val = order.slice(0, v);
  const train = order.slice(v);
  const t = standardise(m.values);
  const xt = takeRows(design, train.map((i) => m.rows[i] as number));
  const yt = Float64Array.from(train, (i) => t.y[i] as number);
  const predict = (theta: Float64Array, rows: readonly number[]) =>
    rows.map((r) => {
      let s = theta[0] as number;
      for (let q = 0; q < design.cols; q++) s += (theta[q + 1] as number) * (design.data[r * design.cols + q] as number);
      return s;
    });
  let best: { srcc: number; theta: Float64Array } | undefined;
  for (const lambda of ADAPROXY_LAMBDAS) {
    const theta = fitAdaProxyObjective(xt, yt, lambda, norm);
    const pv = predict(theta, val.map((i) => m.rows[i] as number));
    const s = v >= 2 ? spearman(pv, val.map((i) => t.y[i] as number)).value : 0;
    const score = Number.isNaN(s) ? -2 : s;
    if (!best || score > best.srcc) best = { srcc: score, theta };
  }
  const all = Array.from({ length: design.rows }, (_, r) => r);
  return Float64Array.from(predict((best as { theta: Float64Array }).theta, all), (q) => q * t.sd + t.mean);
}
