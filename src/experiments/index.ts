/**
 * `proxynas/experiments`: the reproduction harness of the papers proxynas is
 * measured against. The evaluation protocols, the numbers the papers
 * published, the bars `proxynas eval` judges by, the bench cases, and the
 * paper-specific figures. The library (`proxynas`) knows nothing of these.
 *
 * @example
 * ```ts
 * import { PROTOCOLS, runProtocol, summarise, srccVsSamplesFigure } from "proxynas/experiments";
 * const { runs } = await runProtocol(PROTOCOLS.help, { seeds: 3 });
 * show(srccVsSamplesFigure("help", summarise(runs)));
 * ```
 * @packageDocumentation
 */
export { PROTOCOLS, PROTOCOL_NAMES, runProtocol, summarise, ceilingSrcc, estimateCalibration, type Protocol, type ProtocolName, type ProtocolRun, type ProtocolSummary, type RunProtocolOptions, type EstimateCalibration } from "./adapt-protocols.js";
export { loadNb201SearchTable, runSearchProtocol, evolutionComparison, ofaNote10Search, NB201_ACCURACIES, type SearchProtocolRow, type SearchProtocolOptions, type EvolutionCurve, type OfaSearchSummary } from "./search-protocol.js";
export { carryAdaptedLatency } from "../search/carry-adapted-latency.js";
export { fitOfaTargetModels, runOfaSpaceSearch, type OfaTargetModel, type OfaSpaceSearchRow, type OfaSpaceSearchOptions } from "./ofa-space-protocol.js";
export { ONEPROXY_PAPER_VPU_ROW, HELP_PAPER_K10, HELP_PAPER_BASELINES, type PublishedBaseline, NASFLAT_NB201_K20, HELP_METAD2A_VIOLATIONS, HELP_METAD2A_TABLE4, type MetaD2AAnswer } from "./published.js";
export { runMetaD2AComparison, summariseMetaD2A, type MetaD2AComparisonRun, type MetaD2AComparisonRow, type MetaD2AComparisonOptions } from "./metad2a-comparison.js";
export { dissimilarTable } from "./dissimilar-table.js";
export { runScaleProtocol, runDissimilarProtocol, loadJoinedNb201, summariseScale, SCALE_SPLITS, SCALE_SETTINGS, DISSIMILAR_SPLITS, DISSIMILAR_KS, DISSIMILAR_METHODS, DISSIMILAR_SYNTHETIC, type DissimilarSplit, type DissimilarRun, type ScaleSplit, type ScaleSetting, type ScaleMethod, type ScaleRun, type ScaleSummary, type ScaleTraining, type ScaleProtocolOptions } from "./scale-protocol.js";
export { runOptimizeProtocol, summariseOptimize, OPTIMIZE_METHODS, OPTIMIZE_OPTIONAL_METHODS, type OptimizeMethod, type OptimizeRun, type OptimizeSummary, type OptimizeTraining, type OptimizeProtocolOptions } from "./optimize-protocol.js";
export { runOfaOptimizeProtocol, summariseOfaOptimize, OFA_OPTIMIZE_METHODS, type OfaOptimizeMethod, type OfaOptimizeRun, type OfaOptimizeSummary, type OfaOptimizeOptions, type OfaOptimizeTraining } from "./ofa-optimize-protocol.js";
export { runDissimilarOptimize, type DissimilarOptimize, type DissimilarOptimizeOptions } from "./optimize-dissimilar.js";
export { optimizeSection, dissimilarOptimizeBlocks } from "./optimize-report.js";
export { optimizerWalk, type OptimizerWalk } from "./optimizer-walk.js";
export { flopsBaseline, type FlopsBaselineRow } from "./flops-baseline.js";
export { vpuRowAgainstPaper, vpuRowFigure, type VpuRowEntry } from "./vpu-row.js";
export { predictorComparison, predictorComparisonFigure, trainTestSplit, type PredictorResult } from "./predictor-comparison.js";
export { lookupTableComparison, type LookupTableComparison, type LookupTableResult } from "./lookup-table-comparison.js";
export { heldOut, heldOutSrcc, type HeldOut } from "./held-out.js";
export { oneProxyExample, type OneProxyExample } from "./one-proxy-example.js";
export { paperFronts, type PaperFront, type PaperFronts, type PaperFrontsOptions } from "./paper-fronts.js";
export { searchProtocolTable } from "./search-table.js";
export { localOfaSearch, LOCAL_OFA_SEARCH, type LocalOfaSearch } from "./local-ofa-search.js";
export { adaptationBars, searchBars, ofaSearchBar, scaleBars, dissimilarBars, optimizeBars, dissimilarOptimizeBars, OPTIMIZE_BARS, SCALE_HELP_MEAN_BAR, DISSIMILAR_K20_BARS, r3, ONEPROXY_K20_MEAN_BAR, ONEPROXY_K20_MIN_BAR, HELP_MEAN_BARS, SEARCH_REGRET_BAR, SEARCH_MEASUREMENT_BAR, NSGA2_REGRET_BAR } from "./bars.js";
export { BENCH_CASES, runBench, round, type BenchCase, type BenchRow } from "./bench-cases.js";
export { adaptationSection, searchSection, scaleSection, ofaSpaceSection, renderText, renderMarkdown, EVAL_CSV_HEADER, type ReportBlock, type ReportSection, type SectionOptions } from "./eval-report.js";
export { matmulBenchmark, type MatmulTiming, type MatmulBenchmarkOptions } from "./matmul-benchmark.js";
export { adaptationRowsFigure, oneProxyPaperHeatmap, hwNasBenchHeatmap, srccVsSamplesFigure } from "./adaptation-figures.js";
export { clusterSplits, CLUSTER_CUTS } from "./cluster-splits.js";
export { runPreferenceProtocol, summarisePreference, PREFERENCE_WEIGHTS, type PreferenceRun, type PreferenceSummary, type PreferenceMethod } from "./preference-protocol.js";
export { adaptedProxyRow, HW_NAS_BENCH_PROXY, HW_NAS_BENCH_TARGETS, type AdaptedRow } from "./adapted-row.js";
export { searchRegretFigure, evolutionCurveFigure } from "./search-figures.js";
