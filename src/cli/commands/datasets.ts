/** `proxynas datasets list|fetch` and `proxynas export`. */
import { mirrorOption } from "../options.js";
import type { Command } from "commander";
import { tableToCsv } from "../../data/csv-table.js";
import { fetchDataset } from "../../data/fetch.js";
import { loadTable } from "../../data/load.js";
import { listDatasets } from "../../data/registry.js";
import { parseSpace } from "../../spaces/space.js";
import { tableView } from "../../viz/table.js";
import { parseFormat, renderTable } from "../format.js";

/** Adds `--mirror DIR` (sets the mirror for this command). */
export function registerDatasets(program: Command): void {
  const ds = program.command("datasets").description("the registered public datasets");
  ds.command("list")
    .description("list the registered datasets")
    .option("--format <fmt>", "csv|json", "csv")
    .action((opts: { format: string }) => {
      const format = parseFormat(opts.format);
      const rows = listDatasets().map((d) => ({ name: d.name, kind: d.kind, shape: d.shape, files: d.files.length, bytes: d.files.reduce((a, f) => a + f.bytes, 0), license: d.license, description: d.description }));
      process.stdout.write(renderTable(tableView(rows), format));
    });
  mirrorOption(
    ds.command("fetch")
      .description("download datasets into the user cache (or check a mirror), verifying every file's SHA-256")
      .argument("<names...>", "dataset names (see: proxynas datasets list)")
      .option("--cache <dir>", "download cache (default: $XDG_CACHE_HOME/proxynas or ~/.cache/proxynas)"),
  ).action(async (names: string[], opts: { mirror?: string; cache?: string }) => {
    for (const name of names) {
      const r = await fetchDataset(name, { ...(opts.mirror ? { mirror: opts.mirror } : {}), ...(opts.cache ? { cacheDir: opts.cache } : {}), onProgress: (l) => process.stderr.write(`${l}\n`) });
      process.stderr.write(`${name}: ${r.files.length} files verified (${r.from}) in ${r.root}\n`);
      process.stdout.write(`${name}\t${r.root}\n`);
    }
  });
  mirrorOption(
    program
      .command("export")
      .description("print a table: header index,arch,<devices...>[,acc:<name>...], one row per architecture in index order, empty cell for missing")
      .argument("<source>", "a dataset name (help-nb201, help-ofa, oneproxy-nb201, nb201-accuracy) or a CSV file")
      .option("--space <space>", "search space of a CSV file: nb201 | ofa-mbv3 | fbnet")
      .option("--format <fmt>", "csv|json", "csv"),
  ).action(async (source: string, opts: { mirror?: string; space?: string; format: string }) => {
    const format = parseFormat(opts.format);
    const t = await loadTable(source, { ...(opts.mirror ? { mirror: opts.mirror } : {}), ...(opts.space ? { space: parseSpace(opts.space) } : {}) });
    if (format === "csv") {
      process.stdout.write(tableToCsv(t));
      return;
    }
    const order = t.rowsInIndexOrder();
    const devices = t.deviceNames.map((d) => [d, t.latencyView(d)] as const);
    const accs = t.accuracyNames.map((a) => [`acc:${a}`, t.accuracy(a)] as const);
    const cell = (v: number) => (Number.isNaN(v) ? null : v);
    const rows = order.map((r) => ({ index: t.indexAt(r), arch: t.archAt(r), ...Object.fromEntries([...devices, ...accs].map(([k, c]) => [k, cell(c[r] as number)])) }));
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  });
}
