/**
 * tslab compiles cells with its own TypeScript 5.0, Node10 module resolution
 * (it ignores "exports"), the ES2022 lib and no DOM. A cell importing the public
 * API must type-check under exactly those settings against the built dist/.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
type TS = typeof import("typescript");
const ts = require("@tslab/typescript-for-tslab") as TS;

function checkCell(source: string): string[] {
  const cell = path.resolve("notebooks", "__tslab_cell__.ts");
  const options = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    skipLibCheck: true,
    noEmit: true,
    resolveJsonModule: true,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (path.resolve(name) === cell ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === cell || fileExists(name);
  const program = ts.createProgram([cell], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("a notebook cell under tslab's TypeScript", () => {
  it("uses tslab's bundled TypeScript 5.0", () => {
    expect(ts.version).toMatch(/^5\.0\./);
  });
  it("type-checks a cell that imports the public API by package name", () => {
    const diagnostics = checkCell(`
      import { runtimeReport, show, figure, tableView, headline, ProxynasError, type Figure } from "proxynas";
      const r = await runtimeReport("wasm");
      const reason: string = r.backend.reason;
      const f: Figure = figure([{ type: "bar", y: [1, 2] }], {}, { name: "x" });
      show(f); show(tableView([{ a: 1 }])); show(headline("n", 1)); show(reason);
      export { ProxynasError };
    `);
    expect(diagnostics).toEqual([]);
  });
  it("type-checks a cell that imports the experiments by their subpath (typesVersions, since tslab ignores exports)", () => {
    const diagnostics = checkCell(`
      import { PROTOCOLS, matmulBenchmark } from "proxynas/experiments";
      const k: number = PROTOCOLS.help.ks[0];
      const rows = await matmulBenchmark({ sizes: [8] });
      const ms: number = rows[0].medianMs;
      export { k, ms };
    `);
    expect(diagnostics).toEqual([]);
  });
  it("reports real type errors (the check can fail)", () => {
    const diagnostics = checkCell(`
      import { figure } from "proxynas";
      const n: number = figure([]).name;
      export { n };
    `);
    expect(diagnostics.join("\n")).toMatch(/not assignable to type 'number'/);
  });
});
