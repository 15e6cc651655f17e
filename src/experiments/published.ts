/**
 * Numbers published by the papers proxynas is measured against (docs/methods.md).
 * They are reference marks to compare with, never inputs to a computation.
 */

/**
 * OneProxy's NAS-Bench-201 heatmap, Myriad VPU (`true_vpu`) as the proxy:
 * SRCC with each target before adaptation ("proxy") and after ("adaProxy").
 *
 * @example
 * ```ts
 * ONEPROXY_PAPER_VPU_ROW.rice_edgegpu; // { proxy: 0.75, adaProxy: 0.92 }
 * ```
 */
export const ONEPROXY_PAPER_VPU_ROW: Readonly<Record<string, { readonly proxy: number; readonly adaProxy: number }>> = {
  rice_edgegpu: { proxy: 0.75, adaProxy: 0.92 },
  rice_edgetpu: { proxy: 0.87, adaProxy: 0.9 },
  rice_eyeriss: { proxy: 0.67, adaProxy: 0.98 },
  rice_fpga: { proxy: 0.67, adaProxy: 0.99 },
  rice_pixel3: { proxy: 0.61, adaProxy: 0.9 },
  rice_raspi4: { proxy: 0.65, adaProxy: 0.91 },
  true_630: { proxy: 0.76, adaProxy: 0.93 },
  true_640: { proxy: 0.76, adaProxy: 0.93 },
  true_a76: { proxy: 0.74, adaProxy: 0.92 },
  eagle_gtx: { proxy: 0.69, adaProxy: 0.9 },
  eagle_cpu_855: { proxy: 0.88, adaProxy: 0.96 },
  eagle_dsp_855: { proxy: 0.89, adaProxy: 0.91 },
  eagle_gpu_855: { proxy: 0.74, adaProxy: 0.91 },
  eagle_i7: { proxy: 0.68, adaProxy: 0.9 },
  eagle_jetson: { proxy: 0.84, adaProxy: 0.94 },
  eagle_jetson_16: { proxy: 0.8, adaProxy: 0.9 },
};

/**
 * HELP (NeurIPS 2021), SRCC with 10 target samples on its 6 test devices.
 *
 * @example
 * ```ts
 * HELP_PAPER_K10.pixel2; // 0.802
 * ```
 */
export const HELP_PAPER_K10: Readonly<Record<string, number>> = { titan_rtx_256: 0.987, gold_6226: 0.989, fpga: 0.985, pixel2: 0.802, raspi4: 0.89, eyeriss: 0.94 };

/**
 * NASFLAT (Akhauri & Abdelfattah, MLSys 2024), NAS-Bench-201 device splits
 * N0..N5 of its `correlation_trainer/device_task_list.py`: mean SRCC over
 * each split's test devices at 20 target samples, NASFLAT and HELP, from its
 * repository's `results_geomean.py` (as the scaling issue quotes them).
 *
 * @example
 * ```ts
 * NASFLAT_NB201_K20.N2; // { nasflat: 0.857, help: 0.509 }
 * ```
 */
export const NASFLAT_NB201_K20: Readonly<Record<string, { readonly nasflat: number; readonly help: number }>> = {
  N0: { nasflat: 0.959, help: 0.948 },
  N1: { nasflat: 0.967, help: 0.604 },
  N2: { nasflat: 0.857, help: 0.509 },
  N3: { nasflat: 0.962, help: 0.729 },
  N4: { nasflat: 0.959, help: 0.746 },
  N5: { nasflat: 0.893, help: 0.41 },
};

/** One row of HELP's Table 4: a latency constraint on a device and the architecture HELP + MetaD2A found for it. */
export interface MetaD2AAnswer {
  readonly device: string;
  readonly constraintMs: number;
  /** The found architecture's latency on the device (ms), as published. */
  readonly latencyMs: number;
  /** Its CIFAR-100 test accuracy (%), as published (NAS-Bench-201's, 200 epochs). */
  readonly accuracy: number;
}

/**
 * HELP + MetaD2A on NAS-Bench-201 (Lee et al., NeurIPS 2021, Table 4, as
 * HELP's repository README prints it): 3 latency constraints on each of 5
 * unseen devices, the latency and CIFAR-100 accuracy of the architecture
 * found. Each published (latency, accuracy) pair is an architecture of
 * `help-nb201` joined with `nb201-accuracy` (checked by a test).
 *
 * @example
 * ```ts
 * HELP_METAD2A_TABLE4.filter((a) => a.latencyMs > a.constraintMs).length; // 5
 * ```
 */
export const HELP_METAD2A_TABLE4: readonly MetaD2AAnswer[] = (
  [
    ["titan_rtx_256", 18, 17.8, 69.7],
    ["titan_rtx_256", 21, 18.9, 71.5],
    ["titan_rtx_256", 25, 24.2, 71.8],
    ["gold_6226", 8, 8.0, 67.3],
    ["gold_6226", 11, 10.7, 70.2],
    ["gold_6226", 14, 14.3, 72.1],
    ["pixel2", 14, 13.0, 69.7],
    ["pixel2", 18, 19.0, 71.8],
    ["pixel2", 22, 25.0, 73.2],
    ["eyeriss", 5, 3.9, 71.5],
    ["eyeriss", 7, 5.1, 71.8],
    ["eyeriss", 9, 9.1, 73.5],
    ["fpga", 4, 3.8, 70.2],
    ["fpga", 5, 4.7, 71.8],
    ["fpga", 6, 7.4, 73.5],
  ] as const
).map(([device, constraintMs, latencyMs, accuracy]) => ({ device, constraintMs, latencyMs, accuracy }));

/**
 * HELP + MetaD2A's latency constraints violated in {@link HELP_METAD2A_TABLE4}: 5 of 15.
 *
 * @example
 * ```ts
 * HELP_METAD2A_VIOLATIONS.violated / HELP_METAD2A_VIOLATIONS.constraints; // 0.333
 * ```
 */
export const HELP_METAD2A_VIOLATIONS = { violated: HELP_METAD2A_TABLE4.filter((a) => a.latencyMs > a.constraintMs).length, constraints: HELP_METAD2A_TABLE4.length } as const;

/** One published baseline of HELP's NAS-Bench-201 table: its name, target samples, and SRCC per test device it reports. */
export interface PublishedBaseline {
  readonly method: string;
  /** Target samples it was trained on (0: none). */
  readonly samples: number;
  readonly srcc: Readonly<Record<string, number>>;
}

/**
 * HELP (NeurIPS 2021), the baselines of its NAS-Bench-201 table (Table 3 as
 * its repository's README prints it, HayeonLee/HELP) on its 6 test devices:
 * FLOPs (its count), the layer-wise predictor (two devices), BRP-NAS on 900
 * and on 3,200 target samples. The means are of the numbers listed (FLOPs
 * 0.787, layer-wise 0.767, BRP-NAS 0.789 and 0.805, as published). Its
 * MAML and Meta-SGD rows on NAS-Bench-201 are not in the files read here.
 *
 * @example
 * ```ts
 * HELP_PAPER_BASELINES.find((b) => b.method === "FLOPs")?.srcc.eyeriss; // 0.437
 * ```
 */
export const HELP_PAPER_BASELINES: readonly PublishedBaseline[] = [
  { method: "FLOPs", samples: 0, srcc: { titan_rtx_256: 0.95, gold_6226: 0.826, fpga: 0.9, pixel2: 0.765, raspi4: 0.846, eyeriss: 0.437 } },
  { method: "layer-wise predictor", samples: 0, srcc: { titan_rtx_256: 0.667, gold_6226: 0.866 } },
  { method: "BRP-NAS", samples: 900, srcc: { titan_rtx_256: 0.814, gold_6226: 0.796, fpga: 0.801, pixel2: 0.666, raspi4: 0.847, eyeriss: 0.811 } },
  { method: "BRP-NAS (+extra samples)", samples: 3200, srcc: { titan_rtx_256: 0.822, gold_6226: 0.805, fpga: 0.828, pixel2: 0.693, raspi4: 0.853, eyeriss: 0.83 } },
];
