/**
 * proxynas: hardware-aware neural architecture search with one proxy device.
 *
 * The public API, grouped by task. Notebooks and the CLI use only what is
 * exported here and from `proxynas/experiments` (the papers' protocols and
 * figures); a test checks both.
 *
 * @example
 * ```ts
 * import { loadTable, monotonicityMatrix, monotonicityHeatmap, show } from "proxynas";
 * show(monotonicityHeatmap(monotonicityMatrix(await loadTable("help-nb201"))));
 * ```
 * @packageDocumentation
 */

// Errors: every failure proxynas reports is one of these, with a code.
export { ProxynasError, InvalidArgumentError, InvalidDataError, NotFoundError, EnvironmentError, ExecutionError, oneOf, type ErrorCode } from "./errors.js";
export { ChecksumError } from "./data/fetch.js";
export { UnsafePickleError } from "./io/pickle.js";
export { MeasurementError } from "./measure/protocol.js";

// Runtime: the TensorFlow.js backend and what produced a result.
export { initBackend, activeBackend, BACKEND_REQUESTS, type BackendReport, type BackendRequest, type BackendName } from "./runtime/backend.js";
export { runtimeReport, formatRuntimeReport, proxynasVersion, type RuntimeReport } from "./runtime/report.js";
export { seededRng, type Rng } from "./random.js";

// Reading files in their original formats.
export { readPickle, type PyValue } from "./io/pickle.js";
export { readTorch, type Tensor, type TensorDtype, type TorchReadOptions } from "./io/torch.js";
export { readCsv } from "./io/csv.js";
export { readLookupTable, type LutEntry } from "./io/lookup-table.js";

// Search spaces: encodings, keys, sampling.
export { parseSpace, canonicalArch, type SpaceName } from "./spaces/space.js";
export { NB201_OPS, Nb201Index, nb201Parse, nb201Format, nb201Enumerate, nb201OneHot, nb201IsomorphismKey, type Nb201Arch, type Nb201Op, type Nb201IsomorphismRule } from "./spaces/nb201.js";
export type { FbnetArch } from "./spaces/fbnet.js";
export type { ProxylessArch } from "./spaces/proxyless.js";
export { ofaParse, ofaFormat, ofaSample, type OfaArch } from "./spaces/ofa.js";

// Data: latency tables, the dataset registry, downloads.
export { LatencyTable, type DeviceInfo, type MissingCount, type LatencyTableInput } from "./data/latency-table.js";
export { loadTable, type LoadTableOptions } from "./data/load.js";
export { tableToCsv } from "./data/csv-table.js";
export { listDatasets, datasetInfo, type DatasetInfo, type DatasetFile, type DatasetKind } from "./data/registry.js";
export { fetchDataset, configuredMirror, type FetchOptions, type FetchedDataset } from "./data/fetch.js";
export { loadNb201Index, loadReferenceArchitectures } from "./data/load-help.js";
export { loadLookupTables, loadOfaAccuracyPredictorWeights, type LookupTable } from "./data/load-lut.js";
export { displayName, sameDevice, deviceFamily, type DeviceFamily } from "./data/devices.js";

// Monotonicity: rank correlations between devices.
export { spearman, pearson, CORRELATION_METHODS, type Correlation, type CorrelationMethod } from "./stats/correlation.js";
export { kendall } from "./stats/kendall.js";
export { correlate } from "./stats/correlate.js";
export { quantiles, median } from "./stats/quantile.js";
export { tableSummary, type ColumnSummary } from "./stats/table-summary.js";
export { bootstrapCorrelation, type BootstrapInterval } from "./stats/bootstrap.js";
export { monotonicityMatrix, reorderMatrix, type MonotonicityMatrix, type MonotonicityOptions } from "./stats/monotonicity-matrix.js";
export { clusterOrder } from "./stats/cluster.js";
export { bestProxies, REUSE_THRESHOLD, type BestProxy, type ProxyVerdict } from "./stats/best-proxy.js";
export { closestDevices, type ClosestDevice } from "./stats/closest-devices.js";

// Pareto fronts and the sets a search reuses.
export { paretoFront } from "./stats/pareto.js";
export { hypervolume, type ReferencePoint } from "./stats/hypervolume.js";
export { frontReference, frontMetrics, type FrontReference, type FrontMetrics } from "./stats/front-metrics.js";
export { paretoBand, type ParetoBand, type ParetoBandOptions } from "./stats/pareto-band.js";
export { frontProbabilitySet, type FrontProbabilityOptions, type FrontProbabilitySet } from "./stats/front-probability.js";
export { expectedRegretSet, type ExpectedRegretOptions, type ExpectedRegretSet } from "./stats/expected-regret-set.js";

// Latency predictors.
export { LinearLatencyPredictor, type LinearPredictorJson } from "./predict/linear-predictor.js";
export { MlpLatencyPredictor, type MlpEngineName, type MlpOptions, type MlpPredictorJson, type EpochLog } from "./predict/mlp-predictor.js";
export { LookupTablePredictor, type Calibration, type LutPredictorJson } from "./predict/lut-predictor.js";
export { withLookupTableColumn } from "./predict/lookup-table-column.js";
export { OfaAccuracyPredictor } from "./predict/ofa-accuracy-predictor.js";
export { nb201FeatureMatrix, type Nb201FeatureSet } from "./predict/nb201-features.js";
export { ofaLatencyFeatureMatrix } from "./predict/ofa-latency-features.js";
export { ridgeFit, ridgePredict, takeRows, type Matrix, type RidgeModel, type RidgeFit } from "./predict/ridge.js";
export { predictionMetrics, type PredictionMetrics } from "./predict/metrics.js";

// Proxy adaptation: a few target measurements adapt the proxies' predictor.
export { adaptContext, adaptTarget, scoreAdaptation, checkProxies, type AdaptOptions, type Adaptation, type AdaptationScore } from "./adapt/adapt.js";
export { ADAPT_METHODS, DEFAULT_SAMPLES, type AdaptMethod, type AdaProxyNorm, type AdaptContext, type DeviceModel } from "./adapt/method.js";
export { DEFAULT_ADAPT_METHOD } from "./adapt/registry.js";
export { selectSamples, SELECTION_STRATEGIES, type SelectionStrategy } from "./adapt/select.js";

// Search: evolutionary search and the one-proxy pipeline.
export { NB201_GENOME, OFA_GENOME, FBNET_GENOME, PROXYLESS_GENOME, type Genome } from "./search/genome.js";
export { tableEvaluator, type Evaluator, type Evaluated, type Objectives } from "./search/evaluator.js";
export { type SearchAlgorithm, type SearchOptions, type SearchRun } from "./search/search-run.js";
export { nsga2, type Nsga2Options } from "./search/nsga2.js";
export { agingEvolution, type AgingOptions, type AgingRun } from "./search/aging-evolution.js";
export { randomSearch } from "./search/random-search.js";
export { oneProxySearch, scoreOneProxy, ONE_PROXY_DEFAULTS, type ProxySets, ADAPT_DECISIONS, SET_RULES, type AdaptDecision, type SetRule, type OneProxyOptions, type OneProxyResult, type OneProxyScore } from "./search/one-proxy.js";
export { loadOfaSearchTable, withOfaAccuracy, OFA_PROXY_COLUMN, OFA_ACCURACY_COLUMN, type OfaSearchTable } from "./search/ofa-search-table.js";

// Measurement: latency on this machine's runtimes and in any browser.
export { buildNetwork, networkCost, parseMeasurableSpace, type MeasurableSpace, type BuiltNetwork } from "./measure/network.js";
export type { ModelCost } from "./measure/model-cost.js";
export type { Nb201NetworkOptions } from "./measure/nb201-network.js";
export { DEFAULT_PROTOCOL, type MeasureProtocol, type RunStats, type PairedStats } from "./measure/protocol.js";
export { RUNTIME_NAMES, parseRuntime, type RuntimeName, type RuntimeSpec } from "./measure/runtime-name.js";
export { measureArchitecture, type ArchMeasurement } from "./measure/measure-architecture.js";
export { measureOnRuntime } from "./measure/measure-on-runtime.js";
export { measureInNode } from "./measure/measure-run.js";
export { type MeasureRunOptions, type MeasureSummary, type MeasureProgress, type IndexedArch } from "./measure/measurement-session.js";
export { measureInChromium } from "./measure/chromium-run.js";
export { measureInFirefox } from "./measure/firefox-run.js";
export { serveMeasurement, type ServeOptions } from "./measure/measure-server.js";
export { readMeasurementFile, writeMeasurementFile, mergeMeasurementFiles, sidecarPath, type MeasurementFile, type RuntimeSection, type RuntimeMetadata, type ArchRecord, type PairedFields } from "./measure/measurement-file.js";
export { measurementReport, type RuntimeReportRow } from "./measure/measurement-report.js";
export { stratifiedNb201Sample } from "./measure/sample-architectures.js";
export { stratifiedProxylessSample } from "./measure/stratified-proxyless-sample.js";
export { loadLocalMeasurements } from "./measure/local-dataset.js";
export { readMeasurements, readArchRows, measurementsFor } from "./measure/user-measurements.js";

// Scaling up: one latency predictor across devices, a new device described by its reference latencies.
export { DeviceAwarePredictor, type DeviceAwareOptions, type DeviceAwareJson, type SyntheticTraining } from "./scale/device-aware-predictor.js";
export { deviceAwareModel, type DeviceAwareCacheOptions } from "./scale/model-cache.js";
export { referenceVector, type ReferenceVector } from "./scale/reference-vector.js";
export { referenceRows, type ReferenceRows, type ReferenceSource, type ReferenceChoice } from "./scale/references.js";
export { deviceMap, type DeviceMap, type DeviceMapPoint } from "./scale/device-map.js";
export { preferenceScale, preferenceOptimum, type PreferenceScale, type AccuracyRange } from "./scale/preference.js";
export { ArchitectureOptimizer, type PreferenceAnswer, type ArchitectureOptimizerOptions, type ArchitectureOptimizerJson, type OptimizerDevice, type OptimizerCandidate, type OptimizerAnswer, type AnswerOptions, type FeasibilityMargin, type DeviceCalibration, type FeasibilityCheck, type MarginSd, type PoolSimilarity } from "./scale/architecture-optimizer.js";
export { architectureOptimizer, OPTIMIZER_SYNTHETIC, type OptimizerSetup } from "./scale/optimizer-cache.js";
export { ofaArchitectureOptimizer, OFA_MIXTURES, type OfaOptimizerSetup } from "./scale/ofa-optimizer-cache.js";
export { OfaArchitectureOptimizer, type OfaOptimizerAnswer, type OfaOptimizerCandidate, type OfaOptimizerJson, type OfaOptimizerOptions, type OfaOptimizerDevice } from "./scale/ofa-architecture-optimizer.js";
export { syntheticDevices, syntheticMonotonicity, type SyntheticDevice, type SyntheticOptions } from "./scale/synthetic-devices.js";
export { operatorCostDevices, type OperatorCostDevice, type OperatorCostOptions, type OperatorCostRecipe } from "./scale/operator-cost-devices.js";
export { budgetFrontier, optimumUnderBudget, optimaAtQuantiles, type BudgetFrontier, type BudgetPick } from "./scale/exact-optima.js";

// Figures and tables.
export { figure, type Figure, type Trace, type Layout } from "./viz/figure.js";
export { tableView, tableHtml, tableText, tableMarkdown, tableCsv, type TableView, type TableLike, type Cell } from "./viz/table.js";
export { latencyDistributionFigure, type LatencyDistributionOptions } from "./viz/latency-distribution.js";
export { monotonicityHeatmap, rankScatterFigure, familyCorrelationFigure, type HeatmapOptions, type HeatmapScale } from "./viz/monotonicity-figures.js";
export { paretoSetsFigure, type ParetoSetsInput } from "./viz/pareto-sets-figure.js";
export { deviceMapFigure } from "./viz/device-map-figure.js";
export { budgetWalkFigure, type BudgetWalkInput } from "./viz/budget-walk-figure.js";
export { cellProgress } from "./notebook/progress.js";
export { exportFigures, type ImageFormat, type ExportJob, type ExportOptions } from "./viz/export.js";

// Notebooks: display, headlines, running notebooks headless.
export { show } from "./notebook/show.js";
export { headline, type Headline } from "./notebook/headline.js";
export { toDataFrame } from "./notebook/dataframe.js";
export { runNotebooks, type NotebookRunOptions, type NotebookRunResult } from "./notebook/runner.js";
export { runMainJob, type MainJobResult } from "./notebook/pipeline.js";
export { doctor, type DoctorReport } from "./notebook/doctor.js";

// The command line, callable from code.
export { runCli } from "./cli/main.js";
