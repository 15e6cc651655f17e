/**
 * Figures of proxy adaptation: the paper's heatmap row before and after
 * adaptation, and SRCC against the number of target samples.
 */
import { DEFAULT_ADAPT_METHOD } from "../adapt/registry.js";
import { PROTOCOLS, type ProtocolName, type ProtocolSummary } from "./adapt-protocols.js";
import { ONEPROXY_PAPER_VPU_ROW } from "./published.js";
import { figure, type Figure } from "../viz/figure.js";
import { SRCC_COLORSCALE } from "../viz/monotonicity-figures.js";

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
