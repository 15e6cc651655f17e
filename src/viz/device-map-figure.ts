/**
 * The device map as a scatter: one trace per hardware family, each device
 * labelled, extra devices (a runtime you measured) drawn as stars.
 */
import type { DeviceMap, DeviceMapPoint } from "../scale/device-map.js";
import { figure, type Figure } from "./figure.js";

/**
 * The device map figure.
 *
 * @param extra - devices placed with `map.project` (drawn as stars, labelled)
 * @param options.synthetic - synthetic devices placed with `map.project` (small grey dots, unlabelled, drawn under the real ones)
 * @example
 * ```ts
 * show(deviceMapFigure(map, [map.project("node-wasm", mine)]));
 * ```
 */
export function deviceMapFigure(map: DeviceMap, extra: readonly DeviceMapPoint[] = [], options: { name?: string; label?: (d: string) => string; synthetic?: readonly DeviceMapPoint[] } = {}): Figure {
  const label = options.label ?? ((d: string) => d);
  const families = [...new Set(map.points.map((p) => p.family ?? "other"))];
  const synthetic = options.synthetic ?? [];
  const under: Record<string, unknown>[] = synthetic.length
    ? [{ type: "scatter", mode: "markers", name: "synthetic (operator costs)", x: synthetic.map((p) => p.x), y: synthetic.map((p) => p.y), text: synthetic.map((p) => p.device), hoverinfo: "text", marker: { size: 5, color: "#bbb" } }]
    : [];
  const traces: Record<string, unknown>[] = families.map((f) => {
    const pts = map.points.filter((p) => (p.family ?? "other") === f);
    return { type: "scatter", mode: "markers+text", name: f, x: pts.map((p) => p.x), y: pts.map((p) => p.y), text: pts.map((p) => label(p.device)), textposition: "top center", textfont: { size: 9 }, marker: { size: 9 } };
  });
  if (extra.length) traces.push({ type: "scatter", mode: "markers+text", name: "measured here", x: extra.map((p) => p.x), y: extra.map((p) => p.y), text: extra.map((p) => label(p.device)), textposition: "bottom center", textfont: { size: 10 }, marker: { size: 14, symbol: "star", color: "#000" } });
  const [e1, e2] = map.explained;
  return figure(
    [...under, ...traces],
    {
      title: { text: "Devices by their latencies on the reference architectures (principal components of the centred log latencies)" },
      xaxis: { title: { text: `component 1 (${(100 * e1).toFixed(0)}% of the variance)` }, zeroline: false },
      yaxis: { title: { text: `component 2 (${(100 * e2).toFixed(0)}%)` }, zeroline: false },
      legend: { x: 1.02, y: 1 },
      height: 560,
    },
    { name: options.name ?? "device-map" },
  );
}
