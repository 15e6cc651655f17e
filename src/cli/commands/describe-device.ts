/**
 * `proxynas describe-device`: a new device from its latencies on the
 * reference architectures: the most similar known devices by the SRCC of the
 * device-aware prediction, how far the prediction agrees with the proxy
 * adaptation from the same measurements, and every architecture's predicted
 * latency.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { adaptContext, adaptTarget } from "../../adapt/adapt.js";
import { oneOf } from "../../errors.js";
import { readMeasurements } from "../../measure/user-measurements.js";
import { deviceAwareModel } from "../../scale/model-cache.js";
import { referenceRows } from "../../scale/references.js";
import { spearman } from "../../stats/correlation.js";
import { intOption, loadSource, mirrorOption, writableFileOption } from "../options.js";
import { devicePool, referenceLatencies } from "../pool.js";

export function registerDescribeDevice(program: Command): void {
  mirrorOption(
    program
      .command("describe-device")
      .description("describe a new device from its latencies on the reference architectures: the most similar known devices, the prediction's agreement with the proxy adaptation, every architecture's predicted latency")
      .requiredOption("--dataset <name>", "the table whose devices and architectures describe it (e.g. help-nb201)")
      .requiredOption("--latencies <file>", "CSV arch,latency_ms with the reference architectures (as proxynas measure --archs writes it)")
      .option("--pool <list>", "devices the model is trained on, comma-separated (default on help-nb201: HELP's 9 training devices)")
      .option("--validation-devices <list>", "devices for early stopping only (default on help-nb201 with the default pool: HELP's 4 validation devices)")
      .option("--top <n>", "similar devices to list", "5")
      .option("--seed <n>", "seed of the model", "0")
      .option("--predictions <file>", "write every architecture's predicted latency as CSV index,predicted")
      .option("--format <fmt>", "json|text", "json"),
  ).action(async (opts: Record<string, string | undefined>) => {
    const format = oneOf("--format", opts["format"], ["json", "text"] as const);
    if (opts["predictions"]) writableFileOption("--predictions", opts["predictions"]);
    const top = intOption("--top", opts["top"], 1) as number;
    const seed = intOption("--seed", opts["seed"], 0) as number;
    const dataset = opts["dataset"] as string;
    const fetch = opts["mirror"] ? { mirror: opts["mirror"] } : {};
    const table = await loadSource(dataset, fetch);
    const { pool, validation } = devicePool("describe-device", dataset, opts);
    const file = opts["latencies"] as string;
    const measured = await readMeasurements(file, table);
    const refs = (await referenceRows(table, { pool, seed, ...fetch })).rows;
    const refMs = referenceLatencies(file, table, refs, measured);
    const model = await deviceAwareModel(table, { pool, validation, references: refs, seed, onProgress: (m) => process.stderr.write(`describe-device: ${m}\n`) });
    const predicted = model.predict(refMs);
    const similar = table.deviceNames
      .map((d) => ({ device: d, srcc: spearman(predicted, table.latencyView(d)).value }))
      .filter((x) => !Number.isNaN(x.srcc))
      .sort((a, b) => b.srcc - a.srcc)
      .slice(0, top);
    // the proxy adaptation from the same measurements: where the two agree, the description is trustworthy
    const rows = [...measured.keys()].filter((r) => !Number.isNaN(measured.get(r) as number));
    const adapted = adaptTarget(adaptContext(table, pool), (r) => measured.get(r) as number, { samples: rows.length, rows, seed });
    const agreement = spearman(predicted, adapted.predictions).value;
    if (opts["predictions"]) {
      writeFileSync(opts["predictions"], `index,predicted\n${Array.from(predicted, (v, r) => `${table.indexAt(r)},${v}`).join("\n")}\n`);
      process.stderr.write(`predictions for ${table.rows} architectures written to ${opts["predictions"]}\n`);
    }
    const result = { dataset, measured: rows.length, references: refs.length, pool, similar, agreement, outOfBagSrcc: adapted.outOfBagSrcc ?? null };
    if (format === "json") process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stdout.write(`most similar known devices (SRCC of the predicted latencies with theirs):\n${similar.map((s) => `  ${s.device.padEnd(16)} ${s.srcc.toFixed(3)}`).join("\n")}\n`);
      process.stdout.write(`agreement with the proxy adaptation from the same ${rows.length} measurements (SRCC over all ${table.rows} architectures): ${agreement.toFixed(3)}\n`);
    }
  });
}
