/**
 * The budget-walk figure: one device's architectures at their true latency
 * and accuracy, the exact front, and an optimizer's answer at each of a sweep
 * of budgets, with a slider that moves the budget and shows that budget's
 * answer beside the exact optimum.
 */
import { InvalidArgumentError } from "../errors.js";
import { paretoFront } from "../stats/pareto.js";
import { figure, type Figure, type Trace } from "./figure.js";
import { logTicks } from "./latency-distribution.js";

/** Inputs of {@link budgetWalkFigure}: true latencies and accuracies of every row, and per budget the answer's and the exact optimum's row. */
export interface BudgetWalkInput {
  readonly latency: ArrayLike<number>;
  readonly accuracy: ArrayLike<number>;
  /** Budgets (ms), ascending. */
  readonly budgets: readonly number[];
  /** Per budget: the answer's row, or -1 when there was none. */
  readonly answers: readonly number[];
  /** Per budget: the exact optimum's row (the most accurate row within the budget on the true latency). */
  readonly optima: readonly number[];
  /** Slider labels per budget (default: the budget in ms). */
  readonly labels?: readonly string[];
  readonly title?: string;
  readonly accuracyLabel?: string;
  /** Accuracy points shown below the best (default 12; the axis is cut there and the title says so). */
  readonly accuracySpan?: number;
}

/**
 * The figure: all rows in grey, the exact front as a staircase, every
 * answer as a path, and, per slider step, the budget as a dashed line with
 * that budget's answer (filled when within the budget on the true latency,
 * a cross when over it) and the exact optimum. The first step after the
 * middle budget is shown first (what a PNG export shows).
 *
 * @throws {InvalidArgumentError} when the budget, answer and optimum lists differ in length or a budget is not positive
 * @example
 * ```ts
 * const w = optimizerWalk(opt, table, "pixel2", refs);
 * show(budgetWalkFigure({ latency: table.latency("pixel2"), accuracy: table.accuracy("cifar10"), budgets: w.budgets, answers: w.answers, optima: w.optima }));
 * ```
 */
export function budgetWalkFigure(input: BudgetWalkInput, options: { name?: string } = {}): Figure {
  const n = input.budgets.length;
  if (input.answers.length !== n || input.optima.length !== n || (input.labels && input.labels.length !== n)) {
    throw new InvalidArgumentError(`budget walk: ${n} budgets, ${input.answers.length} answers, ${input.optima.length} optima${input.labels ? `, ${input.labels.length} labels` : ""}; give one of each per budget`);
  }
  const bad = input.budgets.findIndex((b) => !(b > 0) || !Number.isFinite(b));
  if (bad >= 0) throw new InvalidArgumentError(`budget walk: budget ${input.budgets[bad]} at position ${bad}; valid: a finite latency > 0 ms`);
  if (n === 0) throw new InvalidArgumentError("budget walk: no budgets; give at least one");
  const lat = (r: number) => input.latency[r] as number;
  const acc = (r: number) => input.accuracy[r] as number;
  const rows = Array.from({ length: input.latency.length }, (_, r) => r).filter((r) => lat(r) > 0 && !Number.isNaN(acc(r)));
  const best = Math.max(...rows.map(acc));
  const span = input.accuracySpan ?? 12;
  const yLo = best - span;
  const front = paretoFront(input.latency, input.accuracy).sort((a, b) => lat(a) - lat(b) || acc(a) - acc(b));
  const shown = rows.filter((r) => acc(r) >= yLo);
  const xs = shown.map(lat);
  const answered = input.answers.map((r, i) => ({ r, i })).filter((a) => a.r >= 0);
  const fixed: Trace[] = [
    { type: "scatter", mode: "markers", name: "every architecture", x: xs, y: shown.map(acc), marker: { color: "rgba(150,150,150,0.25)", size: 3 }, hoverinfo: "skip" },
    { type: "scatter", mode: "lines", name: "exact front", x: front.map(lat), y: front.map(acc), line: { color: "black", shape: "hv", width: 1.2 } },
    { type: "scatter", mode: "lines+markers", name: "answers over the sweep", x: answered.map((a) => lat(a.r)), y: answered.map((a) => acc(a.r)), line: { color: "rgba(31,119,180,0.4)", width: 1 }, marker: { color: "rgba(31,119,180,0.5)", size: 5 } },
  ];
  const label = (i: number) => input.labels?.[i] ?? `${(input.budgets[i] as number).toPrecision(3)} ms`;
  const perStep: Trace[][] = input.budgets.map((b, i) => {
    const a = input.answers[i] as number;
    const o = input.optima[i] as number;
    const over = a >= 0 && lat(a) > b;
    const traces: Trace[] = [
      { type: "scatter", mode: "lines", name: `budget ${label(i)}`, x: [b, b], y: [yLo, best + 1], line: { color: "#d62728", dash: "dash", width: 1.5 }, hoverinfo: "skip" },
      { type: "scatter", mode: "markers", name: "exact optimum", x: [lat(o)], y: [acc(o)], marker: { color: "black", symbol: "star", size: 13 } },
    ];
    if (a >= 0) traces.push({ type: "scatter", mode: "markers", name: over ? "answer (over budget)" : "answer", x: [lat(a)], y: [acc(a)], marker: { color: "#1f77b4", symbol: over ? "x" : "circle", size: 12, line: { color: "white", width: 1 } } });
    return traces;
  });
  const start = Math.min(n - 1, Math.floor(n / 2));
  const data: Trace[] = [...fixed];
  const owner: number[] = fixed.map(() => -1);
  perStep.forEach((ts, i) =>
    ts.forEach((t) => {
      data.push({ ...t, visible: i === start, showlegend: true });
      owner.push(i);
    }),
  );
  const steps = input.budgets.map((_, i) => ({ method: "restyle", label: label(i), args: [{ visible: owner.map((o) => o < 0 || o === i) }] }));
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return figure(
    data,
    {
      title: { text: `${input.title ?? "Answers along the front as the budget moves"} (accuracy axis cut at ${yLo.toFixed(1)} %)` },
      xaxis: { title: { text: "true latency on the device (ms)" }, type: "log", ...logTicks(lo, hi) },
      yaxis: { title: { text: input.accuracyLabel ?? "accuracy (%)" }, range: [yLo, best + 1] },
      height: 560,
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      margin: { t: 110 },
      sliders: [{ active: start, currentvalue: { prefix: "budget: " }, pad: { t: 50 }, steps }],
    },
    options.name === undefined ? {} : { name: options.name },
  );
}
