/**
 * The notebooks stay thin: every code cell at most 12 lines of at most 100
 * characters (logic that needs more lives in src/ with tests), and every cell
 * has an id.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const MAX_LINES = 12;
const MAX_CHARS = 100;

interface Cell {
  readonly cell_type: string;
  readonly id?: string;
  readonly source: string | readonly string[];
}

/** Every code cell over the limits, as "notebook cell N: what", and every cell without an id. */
function cellStyleProblems(name: string, cells: readonly Cell[]): string[] {
  const problems: string[] = [];
  cells.forEach((c, i) => {
    if (!c.id) problems.push(`${name} cell ${i}: no id`);
    if (c.cell_type !== "code") return;
    const lines = (Array.isArray(c.source) ? c.source.join("") : (c.source as string)).replace(/\n$/, "").split("\n");
    if (lines.length > MAX_LINES) problems.push(`${name} cell ${i}: ${lines.length} lines (at most ${MAX_LINES})`);
    lines.forEach((l, j) => {
      if (l.length > MAX_CHARS) problems.push(`${name} cell ${i} line ${j + 1}: ${l.length} characters (at most ${MAX_CHARS})`);
    });
  });
  return problems;
}

describe("notebook cells", () => {
  it("are at most 12 lines of at most 100 characters, each with an id", () => {
    const dir = path.resolve("notebooks");
    const names = readdirSync(dir).filter((f) => f.endsWith(".ipynb"));
    expect(names.length).toBeGreaterThanOrEqual(8);
    const problems = names.flatMap((n) => cellStyleProblems(n, (JSON.parse(readFileSync(path.join(dir, n), "utf8")) as { cells: Cell[] }).cells));
    expect(problems).toEqual([]);
  });

  it("reports a long cell, a long line and a missing id (the check can fail)", () => {
    const long = { cell_type: "code", id: "a", source: Array.from({ length: 13 }, (_, i) => `x${i}\n`) };
    const wide = { cell_type: "code", id: "b", source: ["y".repeat(101)] };
    const prose = { cell_type: "markdown", source: ["z".repeat(500)] };
    expect(cellStyleProblems("n.ipynb", [long, wide, prose])).toEqual([
      "n.ipynb cell 0: 13 lines (at most 12)",
      "n.ipynb cell 1 line 1: 101 characters (at most 100)",
      "n.ipynb cell 2: no id",
    ]);
  });
});
