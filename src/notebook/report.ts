/**
 * `out/report.md`: the runtime, and each notebook's time, headline numbers and
 * exported figures.
 */
import { formatRuntimeReport, type RuntimeReport } from "../runtime/report.js";
import { formatHeadline } from "./headline.js";
import type { NotebookOutputs } from "./outputs.js";

/** One notebook's part of the report. */
export interface ReportSection {
  readonly outputs: NotebookOutputs;
  readonly seconds: number;
  /** Exported figure files, relative to the report's folder. */
  readonly figureFiles: readonly string[];
}

/**
 * The report as Markdown.
 *
 * @example
 * ```ts
 * writeFileSync("out/report.md", renderReport(await runtimeReport(), sections, "npm run main"));
 * ```
 */
export function renderReport(runtime: RuntimeReport, sections: readonly ReportSection[], command: string, date = new Date()): string {
  const lines: string[] = [
    "# proxynas report",
    "",
    `Generated ${date.toISOString()} by \`${command}\`.`,
    "",
    "## Runtime",
    "",
    "```",
    formatRuntimeReport(runtime),
    "```",
    "",
    "## Notebooks",
    "",
    "| notebook | time (s) | headlines | figures |",
    "|---|---:|---:|---:|",
    ...sections.map((s) => `| ${s.outputs.notebook} | ${s.seconds.toFixed(1)} | ${s.outputs.headlines.length} | ${s.figureFiles.filter((f) => f.endsWith(".svg")).length} |`),
  ];
  for (const s of sections) {
    lines.push("", `### ${s.outputs.notebook}`, "", `Executed notebook: \`notebooks/${s.outputs.notebook}.html\`.`, "");
    if (s.outputs.headlines.length) lines.push(...s.outputs.headlines.map((h) => `- ${formatHeadline(h)}`), "");
    const svgs = s.figureFiles.filter((f) => f.endsWith(".svg"));
    if (svgs.length) lines.push(...svgs.map((f) => `![${f}](${f})`), "");
  }
  return `${lines.join("\n")}\n`;
}
