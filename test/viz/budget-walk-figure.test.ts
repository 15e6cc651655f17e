import { describe, expect, it } from "vitest";
import { budgetWalkFigure } from "../../src/viz/budget-walk-figure.js";

// 6 rows: latency and accuracy; the exact front is rows 0 (1 ms, 80), 2 (2 ms, 85), 4 (4 ms, 90)
const latency = [1, 1.5, 2, 3, 4, 5];
const accuracy = [80, 79, 85, 84, 90, 60];
const input = { latency, accuracy, budgets: [1.2, 2.5, 4.5], answers: [0, 3, 4], optima: [0, 2, 4] };

describe("budgetWalkFigure", () => {
  it("draws the exact front as a staircase and one budget line, optimum and answer per slider step", () => {
    const fig = budgetWalkFigure({ ...input, accuracySpan: 15 });
    const front = fig.data.find((t) => t["name"] === "exact front") as { x: number[]; y: number[] };
    expect(front.x).toEqual([1, 2, 4]);
    expect(front.y).toEqual([80, 85, 90]);
    // the background holds the rows within the cut only (row 5 at 60 % is below 90 - 15)
    expect((fig.data[0] as { x: number[] }).x).toEqual([1, 1.5, 2, 3, 4]);
    const slider = (fig.layout["sliders"] as { active: number; steps: { label: string; args: [{ visible: boolean[] }] }[] }[])[0]!;
    expect(slider.steps.map((s) => s.label)).toEqual(["1.20 ms", "2.50 ms", "4.50 ms"]);
    expect(slider.active).toBe(1);
    // each step shows the 3 fixed traces and its own 3
    for (const [i, step] of slider.steps.entries()) {
      const shown = step.args[0].visible.map((v, j) => (v ? j : -1)).filter((j) => j >= 0);
      expect(shown).toHaveLength(6);
      const own = shown.slice(3).map((j) => fig.data[j] as { name: string; x: number[] });
      expect(own[0]!.x).toEqual([input.budgets[i], input.budgets[i]]);
      expect(own[1]!.x).toEqual([latency[input.optima[i]!]]);
      expect(own[2]!.x).toEqual([latency[input.answers[i]!]]);
    }
    expect(String((fig.layout["title"] as { text: string }).text)).toContain("accuracy axis cut at 75.0 %");
  });
  it("marks an answer over its budget with a cross and leaves out a missing answer", () => {
    const fig = budgetWalkFigure({ ...input, budgets: [1.2, 2.5, 3.5], answers: [-1, 3, 4] });
    const names = fig.data.map((t) => t["name"]);
    expect(names).toContain("answer (over budget)");
    expect(names.filter((n) => n === "answer" || n === "answer (over budget)")).toHaveLength(2);
    expect(fig.data.find((t) => t["name"] === "answer (over budget)")?.["marker"]).toMatchObject({ symbol: "x" });
  });
  it("typed errors for mismatched lists and bad budgets", () => {
    expect(() => budgetWalkFigure({ ...input, answers: [0] })).toThrowError(/3 budgets, 1 answers, 3 optima; give one of each per budget/);
    expect(() => budgetWalkFigure({ ...input, budgets: [1, Number.NaN, 2] })).toThrowError(/budget NaN at position 1; valid: a finite latency > 0 ms/);
  });
});
