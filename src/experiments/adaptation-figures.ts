/**
 * Figures of proxy adaptation: the paper's heatmap row before and after
 * adaptation, the paper's whole heatmap with the adapted row on top, and
 * SRCC against the number of target samples.
 */
import { DEFAULT_ADAPT_METHOD } from "../adapt/registry.js";
import { PROTOCOLS, type ProtocolName, type ProtocolSummary } from "./adapt-protocols.js";
import { ONEPROXY_PAPER_VPU_ROW } from "./published.js";
import { figure, type Figure } from "../viz/figure.js";
import { SRCC_COLORSCALE } from "../viz/monotonicity-figures.js";
import { InvalidArgumentError } from "../errors.js";
import { reorderMatrix, type MonotonicityMatrix } from "../stats/monotonicity-matrix.js";
import { HW_NAS_BENCH_PROXY, HW_NAS_BENCH_TARGETS, type AdaptedRow } from "./adapted-row.js";

/**
 * OneProxy's heatmap rows: the proxy before adaptation and after, the
 * paper's numbers beside proxynas's, one column per target.
 *
 * @example
 * ```ts
 * show(adaptationRowsFigure(summarise(runs), 70, displayName));
 * ```
 */
export function adaptationRowsFigure(summary: readonly ProtocolSummary[], k: number, label: (d: string) => string = (d) => d, options: { name?: string; method?: string } = {}): Figure {
  const targets = Object.keys(ONEPROXY_PAPER_VPU_ROW);
  const get = (t: string, f: (x: ProtocolSummary) => number) => {
    const x = summary.find((s) => s.target === t && s.k === k && s.method === (options.method ?? DEFAULT_ADAPT_METHOD));
    return x ? f(x) : null;
  };
  const rows: [string, (number | null)[]][] = [
    ["Proxy (paper)", targets.map((t) => (ONEPROXY_PAPER_VPU_ROW[t] as { proxy: number }).proxy)],
    ["Proxy (proxynas)", targets.map((t) => get(t, (x) => x.srccBefore))],
    ["AdaProxy (paper, 60+10)", targets.map((t) => (ONEPROXY_PAPER_VPU_ROW[t] as { adaProxy: number }).adaProxy)],
    [`${options.method ?? DEFAULT_ADAPT_METHOD} (proxynas, K=${k})`, targets.map((t) => get(t, (x) => x.srccAfter))],
  ];
  return figure(
    [
      {
        type: "heatmap",
        z: rows.map((r) => r[1]),
        x: targets.map(label),
        y: rows.map((r) => r[0]),
        zmin: 0,
        zmax: 1,
        colorscale: SRCC_COLORSCALE,
        texttemplate: "%{z:.2f}",
        colorbar: { title: { text: "SRCC" } },
      },
    ],
    { title: { text: "Myriad VPU as proxy: SRCC with each target, before and after adaptation" }, height: 380, width: 1100, xaxis: { tickangle: -45, type: "category" }, yaxis: { autorange: "reversed", type: "category" }, margin: { l: 300, b: 110 } },
    options.name === undefined ? {} : { name: options.name },
  );
}

/**
 * Mean SRCC over a protocol's targets against K, one line per method, with
 * the published references drawn as marks.
 *
 * @example
 * ```ts
 * const { runs } = await runProtocol(PROTOCOLS.help, { seeds: 3 });
 * show(srccVsSamplesFigure("help", summarise(runs)));
 * ```
 */
export function srccVsSamplesFigure(protocol: ProtocolName, summary: readonly ProtocolSummary[], options: { name?: string } = {}): Figure {
  const p = PROTOCOLS[protocol];
  const methods = [...new Set(summary.map((s) => s.method))];
  const ks = [...new Set(summary.map((s) => s.k))].sort((a, b) => a - b);
  const mean = (m: string, k: number) => {
    const xs = summary.filter((s) => s.method === m && s.k === k);
    return xs.length ? xs.reduce((a, s) => a + s.srccAfter, 0) / xs.length : null;
  };
  const refs = Object.values(p.reference.values);
  const refMean = refs.reduce((a, b) => a + b, 0) / refs.length;
  const traces: Record<string, unknown>[] = methods.map((m) => ({ type: "scatter", mode: "lines+markers", name: m, x: ks, y: ks.map((k) => mean(m, k)) }));
  traces.push({ type: "scatter", mode: "markers", name: p.reference.label, x: [p.reference.k], y: [refMean], marker: { symbol: "star", size: 16, color: "#d62728" } });
  return figure(
    traces,
    { title: { text: `${protocol}: mean SRCC over ${p.targets.length} targets vs target samples` }, xaxis: { title: { text: "K (target samples)" }, type: "log", tickvals: ks }, yaxis: { title: { text: "mean SRCC" } } },
    options.name === undefined ? {} : { name: options.name },
  );
}

/**
 * OneProxy's heatmap in the paper's form: the SRCC of every pair of its
 * devices in a fixed order (the proxy first, then the paper's targets in
 * its order, then any other device), the proxy's row outlined, and on top
 * the proxy's row after adaptation (proxynas's method at K samples, from a
 * protocol summary), so the figure reads as the paper's: the top row is what
 * adaptation turns the outlined row into.
 *
 * @param m the monotonicity matrix of `oneproxy-nb201` (all its devices)
 * @throws {InvalidArgumentError} when the matrix lacks the proxy or a paper target, or the summary has no run at K for a target
 * @example
 * ```ts
 * const m = monotonicityMatrix(await loadTable("oneproxy-nb201"));
 * show(oneProxyPaperHeatmap(m, summarise(runs), 70, displayName));
 * ```
 */
export function oneProxyPaperHeatmap(m: MonotonicityMatrix, summary: readonly ProtocolSummary[], k: number, label: (d: string) => string = (d) => d, options: { name?: string; method?: string } = {}): Figure {
  const proxy = PROTOCOLS.oneproxy.proxies[0] as string;
  const method = options.method ?? DEFAULT_ADAPT_METHOD;
  const targets = Object.keys(ONEPROXY_PAPER_VPU_ROW);
  const lacking = [proxy, ...targets].filter((d) => !m.devices.includes(d));
  if (lacking.length) throw new InvalidArgumentError(`oneProxyPaperHeatmap: the matrix has no ${lacking.join(", ")}; give the matrix of oneproxy-nb201`);
  const order = [proxy, ...targets, ...m.devices.filter((d) => d !== proxy && !targets.includes(d))];
  const mm = reorderMatrix(m, order);
  const adapted = order.map((d) => {
    if (d === proxy) return 1;
    const s = summary.find((x) => x.target === d && x.k === k && x.method === method);
    if (!s && targets.includes(d)) throw new InvalidArgumentError(`oneProxyPaperHeatmap: the summary has no ${method} run at K = ${k} for ${d}; Ks in it: ${[...new Set(summary.map((x) => x.k))].join(", ")}`);
    return s ? s.srccAfter : null;
  });
  const title = `SRCC of latencies, OneProxy's devices in the paper's order<br><sub>${label(proxy)} (outlined) as the proxy; on top, its row after adaptation (${method}, ${k} target samples)</sub>`;
  return proxyRowHeatmap(mm, adapted, `${label(proxy)} adapted, K=${k}`, title, label, options);
}

/**
 * HW-NAS-Bench's devices in OneProxy's form: Pixel 3 (`rice_pixel3`) as the
 * proxy of the other five HW-NAS-Bench devices on NAS-Bench-201 (CIFAR-10
 * inputs, the only HW-NAS-Bench latencies in the public files read here),
 * its row outlined, and on top its row after adaptation (from
 * {@link adaptedProxyRow}).
 *
 * @param m a monotonicity matrix holding the HW-NAS-Bench devices (e.g. of `oneproxy-nb201`)
 * @param adapted SRCC after adaptation per target, `HW_NAS_BENCH_TARGETS` at least
 * @throws {InvalidArgumentError} when the matrix lacks a HW-NAS-Bench device or `adapted` a target
 * @example
 * ```ts
 * const row = await adaptedProxyRow(oneproxy, "rice_pixel3", HW_NAS_BENCH_TARGETS, { k: 20, seeds: 3 });
 * show(hwNasBenchHeatmap(monotonicityMatrix(oneproxy), row, displayName));
 * ```
 */
export function hwNasBenchHeatmap(m: MonotonicityMatrix, adapted: AdaptedRow, label: (d: string) => string = (d) => d, options: { name?: string } = {}): Figure {
  const order = [HW_NAS_BENCH_PROXY, ...HW_NAS_BENCH_TARGETS];
  const lacking = order.filter((d) => !m.devices.includes(d));
  if (lacking.length) throw new InvalidArgumentError(`hwNasBenchHeatmap: the matrix has no ${lacking.join(", ")}; give the matrix of oneproxy-nb201`);
  const missing = HW_NAS_BENCH_TARGETS.filter((t) => adapted.srcc[t] === undefined);
  if (missing.length) throw new InvalidArgumentError(`hwNasBenchHeatmap: the adapted row has no ${missing.join(", ")}`);
  const row = order.map((d) => (d === HW_NAS_BENCH_PROXY ? 1 : (adapted.srcc[d] as number)));
  const title = `SRCC of latencies, HW-NAS-Bench's devices<br><sub>NAS-Bench-201, CIFAR-10 inputs; ${label(HW_NAS_BENCH_PROXY)} (outlined) as the proxy<br>on top, its row after adaptation (${adapted.method}, ${adapted.k} target samples, ${adapted.seeds} seed${adapted.seeds === 1 ? "" : "s"})</sub>`;
  return proxyRowHeatmap(reorderMatrix(m, order), row, `${label(HW_NAS_BENCH_PROXY)} adapted, K=${adapted.k}`, title, label, options);
}

/** A reordered matrix (the proxy first) drawn as a heatmap with the proxy's row outlined and its adapted row on top. */
function proxyRowHeatmap(mm: MonotonicityMatrix, adapted: readonly (number | null)[], top: string, title: string, label: (d: string) => string, options: { name?: string }): Figure {
  const order = mm.devices;
  const names = order.map(label);
  const y = [top, ...names];
  const z = [adapted, ...mm.matrix.map((r) => r.map((v) => (Number.isNaN(v) ? null : v)))];
  const size = 160 + 34 * order.length;
  return figure(
    [{ type: "heatmap", z, x: names, y, zmin: 0, zmax: 1, colorscale: SRCC_COLORSCALE, texttemplate: "%{z:.2f}", textfont: { size: 9 }, colorbar: { title: { text: "SRCC" } }, hovertemplate: "%{y} vs %{x}: %{z:.3f}<extra></extra>" }],
    {
      title: { text: title },
      // wide enough for the title's lines however few the devices
      width: Math.max(size + 200, 760),
      height: size + 10 + 30 * title.split("<br>").length,
      xaxis: { tickangle: -45, type: "category" },
      yaxis: { autorange: "reversed", type: "category" },
      // room for every line of the title
      margin: { l: 200, b: 130, t: 70 + 30 * title.split("<br>").length },
      // the proxy's own row (row 1, under the adapted row), outlined in category coordinates
      shapes: [{ type: "rect", xref: "x", yref: "y", x0: -0.5, x1: order.length - 0.5, y0: 0.5, y1: 1.5, line: { color: "red", width: 3 } }],
    },
    options.name === undefined ? {} : { name: options.name },
  );
}
