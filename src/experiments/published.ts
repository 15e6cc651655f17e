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

/**
 * HELP + MetaD2A (Lee et al., NeurIPS 2021, Table 4): latency constraints
 * violated on its NAS-Bench-201 devices, as counted in the optimizer issue
 * (#20): 5 of 15.
 *
 * @example
 * ```ts
 * HELP_METAD2A_VIOLATIONS.violated / HELP_METAD2A_VIOLATIONS.constraints; // 0.333
 * ```
 */
export const HELP_METAD2A_VIOLATIONS = { violated: 5, constraints: 15 } as const;

/**
 * HELP (NeurIPS 2021), its baselines on the same 6 test devices: mean SRCC of
 * FLOPs as the latency predictor (no target measurement) and of BRP-NAS
 * trained on 900 target samples. HELP's per-device numbers of these
 * baselines are not read here.
 *
 * @example
 * ```ts
 * HELP_PAPER_BASELINE_MEANS.flops; // 0.787
 * ```
 */
export const HELP_PAPER_BASELINE_MEANS = { flops: 0.787, brpNas900: 0.789 } as const;
