/**
 * Physical devices behind the column names. Some datasets hold the same
 * device under two names (HW-NAS-Bench's `rice_pixel3` is HELP's `pixel3`,
 * value for value); a proxy must never be an alias of its target.
 */

/** Column names that are the same physical device, value for value. */
export const DEVICE_ALIASES: readonly (readonly string[])[] = [
  ["pixel3", "rice_pixel3"],
  ["fpga", "rice_fpga"],
  ["eyeriss", "rice_eyeriss"],
  ["raspi4", "rice_raspi4"],
];

/**
 * The display names the papers use (OneProxy's heatmap labels).
 */
export const DEVICE_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  rice_edgegpu: "EdgeGPU",
  rice_edgetpu: "EdgeTPU",
  rice_eyeriss: "Eyeriss",
  rice_fpga: "FPGA",
  rice_pixel3: "Pixel3",
  rice_raspi4: "Raspi4",
  true_630: "Adreno630",
  true_640: "Adreno640",
  true_a76: "CortexA76",
  true_vpu: "MyriadVPU",
  eagle_gtx: "GTX1080Ti",
  eagle_cpu_855: "Kryo485",
  eagle_dsp_855: "Hexagon690",
  eagle_gpu_855: "Adreno640*",
  eagle_i7: "i7-7820x",
  eagle_jetson: "JetsonNano",
  eagle_jetson_16: "JetsonNano16",
  eagle_tpu: "EdgeTPU*",
};

/**
 * Whether two column names are the same physical device.
 *
 * @example
 * ```ts
 * sameDevice("rice_pixel3", "pixel3"); // true
 * ```
 */
export function sameDevice(a: string, b: string): boolean {
  if (a === b) return true;
  return DEVICE_ALIASES.some((g) => g.includes(a) && g.includes(b));
}

/**
 * A proxy pool without the target and its aliases.
 *
 * @example
 * ```ts
 * proxyPoolFor(["pixel3", "fpga", "true_vpu"], "rice_pixel3"); // ["fpga", "true_vpu"]
 * ```
 */
export function proxyPoolFor(pool: readonly string[], target: string): string[] {
  return pool.filter((p) => !sameDevice(p, target));
}

/**
 * The display name of a column (the name itself when none is registered).
 *
 * @example
 * ```ts
 * displayName("true_vpu"); // the paper's name of the device
 * ```
 */
export function displayName(device: string): string {
  return DEVICE_DISPLAY_NAMES[device] ?? device;
}

/** Hardware families, for grouping devices in figures. */
export type DeviceFamily = "desktop GPU" | "server/desktop CPU" | "mobile CPU" | "mobile GPU" | "mobile DSP" | "edge GPU" | "accelerator" | "FPGA" | "embedded CPU";

/** HELP's GPU columns: the GPU, then the batch size (`titan_rtx_256`). */
const HELP_GPU_COLUMN = /^(1080ti|2080ti|titan_rtx|titanx|titanxp|titan_xp|v100)_\d+$/;

const FAMILY_RULES: readonly (readonly [RegExp, DeviceFamily])[] = [
  [new RegExp(`${HELP_GPU_COLUMN.source}|^eagle_gtx$`), "desktop GPU"],
  [/^(gold_\d+|silver_\d+r?|eagle_i7)$/, "server/desktop CPU"],
  [/^(pixel2|pixel3|rice_pixel3|samsung_a50|samsung_s7|essential_ph_1|true_a76|eagle_cpu_855)$/, "mobile CPU"],
  [/^(true_630|true_640|eagle_gpu_855)$/, "mobile GPU"],
  [/^eagle_dsp_855$/, "mobile DSP"],
  [/^(rice_edgegpu|eagle_jetson|eagle_jetson_16)$/, "edge GPU"],
  [/^(eyeriss|rice_eyeriss|rice_edgetpu|eagle_tpu|true_vpu)$/, "accelerator"],
  [/^(fpga|rice_fpga)$/, "FPGA"],
  [/^(raspi4|rice_raspi4)$/, "embedded CPU"],
];

/**
 * The hardware family of a public dataset's device column, or `undefined` for
 * an unknown (e.g. user-measured) column.
 *
 * @example
 * ```ts
 * deviceFamily("titan_rtx_256"); // "desktop GPU"
 * ```
 */
export function deviceFamily(device: string): DeviceFamily | undefined {
  return FAMILY_RULES.find(([re]) => re.test(device))?.[1];
}

/**
 * Columns that are the same hardware model measured in different studies (not
 * the same values): a target's prior knowledge must not include them either.
 */
export const SAME_HARDWARE_MODEL: readonly (readonly string[])[] = [
  ["eagle_gtx", "1080ti_1", "1080ti_32", "1080ti_256"],
  // the Snapdragon 855's Adreno 640 from BRP-NAS (displayed Adreno640*) and from OneProxy's own measurements
  ["eagle_gpu_855", "true_640"],
  // the Edge TPU from BRP-NAS (EdgeTPU*) and from HW-NAS-Bench
  ["eagle_tpu", "rice_edgetpu"],
];

/**
 * The hardware model of a column: HELP's GPU columns name the GPU and the
 * batch size (`2080ti_32`), so the batch suffix is dropped; the other columns
 * are their own model.
 *
 * @example
 * ```ts
 * hardwareModel("titan_rtx_256"); // "titan_rtx"
 * ```
 */
export function hardwareModel(device: string): string {
  const m = HELP_GPU_COLUMN.exec(device);
  return m ? (m[1] as string) : device;
}

/**
 * Whether two columns are the same physical device (an alias), the same
 * hardware model measured elsewhere, or the same GPU at another batch size. A
 * target's prior knowledge leaves all of these out.
 *
 * @example
 * ```ts
 * relatedDevice("eagle_gtx", "1080ti_32"); // true
 * relatedDevice("2080ti_1", "2080ti_256"); // true
 * relatedDevice("2080ti_256", "titan_rtx_256"); // false
 * ```
 */
export function relatedDevice(a: string, b: string): boolean {
  if (sameDevice(a, b) || hardwareModel(a) === hardwareModel(b)) return true;
  return SAME_HARDWARE_MODEL.some((g) => g.some((d) => hardwareModel(d) === hardwareModel(a)) && g.some((d) => hardwareModel(d) === hardwareModel(b)));
}
