/** `proxynas monotonicity`: the device x device correlation matrix of a table. */
import type { Command } from "commander";
import { oneOf } from "../../errors.js";
import { loadTable } from "../../data/load.js";

import { parseSpace } from "../../spaces/space.js";
import { clusterOrder } from "../../stats/cluster.js";
import { CORRELATION_METHODS } from "../../stats/correlation.js";
import { monotonicityMatrix, reorderMatrix } from "../../stats/monotonicity-matrix.js";
import { tableCsv, tableView } from "../../viz/table.js";
import { mirrorOption } from "../options.js";

export function registerMonotonicity(program: Command): void {
  mirrorOption(
    program
      .command("monotonicity")
      .description("print the monotonicity matrix (rank correlation of latencies for every device pair); rows and columns in the given or clustered order")
      .argument("<source>", "a dataset name or a CSV file")
      .option("--devices <list>", "comma-separated devices, in order (default: all)")
      .option("--method <m>", CORRELATION_METHODS.join("|"), "spearman")
      .option("--order <o>", "given|clustered (default: given when --devices is set, else clustered)")
      .option("--space <space>", "search space of a CSV file")
      .option("--format <fmt>", "csv|json", "csv"),
  ).action(async (source: string, opts: { devices?: string; method: string; order?: string; space?: string; format: string; mirror?: string }) => {
    const format = oneOf("--format", opts.format, ["csv", "json"] as const);
    const method = oneOf("--method", opts.method, CORRELATION_METHODS);
    const order = oneOf("--order", opts.order ?? (opts.devices ? "given" : "clustered"), ["given", "clustered"] as const);
    const table = await loadTable(source, { ...(opts.mirror ? { mirror: opts.mirror } : {}), ...(opts.space ? { space: parseSpace(opts.space) } : {}) });
    const devices = opts.devices ? opts.devices.split(",").map((d) => d.trim()).filter((d) => d !== "") : undefined;
    let m = monotonicityMatrix(table, { method, ...(devices ? { devices } : {}) });
    if (order === "clustered") m = reorderMatrix(m, clusterOrder(m));
    if (format === "json") {
      const clean = (rows: readonly (readonly number[])[]) => rows.map((r) => r.map((v) => (Number.isNaN(v) ? null : v)));
      process.stdout.write(`${JSON.stringify({ method: m.method, devices: m.devices, matrix: clean(m.matrix), pairs: m.pairs })}\n`);
      return;
    }
    process.stdout.write(tableCsv(tableView({ columns: ["device", ...m.devices], rows: m.devices.map((d, i) => [d, ...(m.matrix[i] as number[])]) })));
  });
}
