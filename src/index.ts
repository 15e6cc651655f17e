/**
 * proxynas: hardware-aware neural architecture search with one proxy device.
 *
 * The public API. Notebooks and the CLI use only what is exported here.
 *
 * @example
 * ```ts
 * import { runtimeReport, show, figure, table } from "proxynas";
 * show(await runtimeReport());
 * ```
 * @packageDocumentation
 */
export { ProxynasError, InvalidArgumentError, InvalidDataError, NotFoundError, EnvironmentError, ExecutionError, type ErrorCode } from "./errors.js";

export { initBackend, activeBackend, tfjs, BACKEND_REQUESTS, type BackendReport, type BackendRequest, type BackendName } from "./runtime/backend.js";
export { matmulBenchmark, type MatmulTiming, type MatmulBenchmarkOptions } from "./runtime/matmul-benchmark.js";
export { runtimeReport, formatRuntimeReport, packageVersion, type RuntimeReport } from "./runtime/report.js";

export { seededRng, standardNormal, type Rng } from "./random.js";

export { readPickle, unpickle, UnsafePickleError, type PyValue } from "./io/pickle.js";
export { readTorch, parseTorch, isTensor, type Tensor, type TensorDtype } from "./io/torch.js";
export { parseCsv, readCsv } from "./io/csv.js";
export { parseLookupTable, readLookupTable, type LutEntry } from "./io/lookup-table.js";

export { SPACE_NAMES, parseSpace, canonicalArch, type SpaceName } from "./spaces/space.js";
export {
  NB201_OPS, NB201_EDGES, NB201_SIZE, Nb201Index, nb201Parse, nb201Format, nb201Code, nb201FromCode, nb201Enumerate, nb201OneHot, nb201FromOneHot, nb201IsomorphismKey,
  type Nb201Arch, type Nb201Op, type Nb201IsomorphismRule,
} from "./spaces/nb201.js";
export { FBNET_BLOCKS, FBNET_LAYERS, fbnetParse, fbnetFormat, fbnetOneHot, fbnetLayerFeatures, fbnetSample, fbnetMutate, type FbnetArch, type FbnetBlock } from "./spaces/fbnet.js";
export {
  OFA_LAYOUT, OFA_KERNELS, OFA_EXPANDS, OFA_DEPTHS, ofaNormalize, ofaParse, ofaFormat, ofaAccuracyFeatures, ofaSample, ofaMutate, ofaLayerKeys, type OfaArch,
} from "./spaces/ofa.js";

export { dataFrameFromColumns } from "./data/dataframe.js";
export { LatencyTable, MISSING_SENTINEL, type DeviceInfo, type MissingCount, type ColumnSummary, type LatencyTableInput } from "./data/latency-table.js";
export { tableToCsv, tableFromCsv, readTableCsv } from "./data/csv-table.js";
export { listDatasets, datasetInfo, sourceUrl, DATASET_NAMES, type DatasetInfo, type DatasetFile, type DatasetKind } from "./data/registry.js";
export { fetchDataset, ChecksumError, defaultCacheDir, type FetchOptions, type FetchedDataset } from "./data/fetch.js";
export { loadTable, TABLE_DATASETS, type LoadTableOptions } from "./data/load.js";
export { loadHelpNb201, loadHelpOfa, loadNb201Index, loadReferenceArchitectures } from "./data/load-help.js";
export { loadOneProxy } from "./data/load-oneproxy.js";
export { loadLocalNb201 } from "./data/load-local.js";
export { loadNb201Accuracy } from "./data/load-nats.js";
export { loadLookupTables, loadOfaAccuracyPredictorWeights, type LookupTable } from "./data/load-lut.js";
export { DEVICE_ALIASES, DEVICE_DISPLAY_NAMES, sameDevice, relatedDevice, hardwareModel, proxyPoolFor, displayName, deviceFamily, type DeviceFamily } from "./data/devices.js";
export { ONEPROXY_PAPER_VPU_ROW } from "./data/published.js";

export { quantiles, quantileSorted } from "./stats/quantile.js";
export { averageRanks } from "./stats/rank.js";
export { argsortFloat64, denseRanks } from "./stats/argsort.js";
export { spearman, pearson, CORRELATION_METHODS, type Correlation, type CorrelationMethod } from "./stats/correlation.js";
export { kendall } from "./stats/kendall.js";
export { correlate } from "./stats/correlate.js";
export { bootstrapCorrelation, type BootstrapInterval } from "./stats/bootstrap.js";
export { paretoFront } from "./stats/pareto.js";
export { nonDominatedLayers, paretoLayers } from "./stats/non-dominated-sort.js";
export { hypervolume, type ReferencePoint } from "./stats/hypervolume.js";
export { frontReference, frontMetrics, REGRET_PERCENTILES, type FrontReference, type FrontMetrics } from "./stats/front-metrics.js";
export { paretoBand, type ParetoBand, type ParetoBandOptions } from "./stats/pareto-band.js";
export { frontProbabilitySet, logNormalCdf, DEFAULT_FRONT_SIGMA, type FrontProbabilityOptions, type FrontProbabilitySet } from "./stats/front-probability.js";
export { expectedRegretSet, EXPECTED_REGRET_PERCENTILES, type ExpectedRegretOptions, type ExpectedRegretSet } from "./stats/expected-regret-set.js";
export { fastestMoreAccurate } from "./stats/fastest-more-accurate.js";
export { topKAgreement, paretoAgreement } from "./stats/agreement.js";
export { monotonicityMatrix, reorderMatrix, type MonotonicityMatrix, type MonotonicityOptions } from "./stats/monotonicity-matrix.js";
export { clusterOrder } from "./stats/cluster.js";
export { bestProxies, proxyVerdict, REUSE_THRESHOLD, type BestProxy, type ProxyVerdict } from "./stats/best-proxy.js";

export { figure, isFigure, describeFigure, type Figure, type Trace, type Layout } from "./viz/figure.js";
export { latencyDistributionFigure, type LatencyDistributionOptions } from "./viz/latency-distribution.js";
export { monotonicityHeatmap, rankScatterFigure, familyCorrelationFigure, type HeatmapOptions, type HeatmapScale } from "./viz/monotonicity-figures.js";
export { table, isTableView, tableHtml, tableText, formatCell, type TableView, type TableLike, type Cell } from "./viz/table.js";
export { figurePage, figureHtml } from "./viz/html.js";
export { exportFigures, chromiumPath, withBrowser, IMAGE_FORMATS, type ImageFormat, type ExportJob, type ExportOptions } from "./viz/export.js";
export { plotlyVersion } from "./viz/plotly.js";

export { show } from "./notebook/show.js";
export { displayBundle, PLOTLY_MIME, type DisplayBundle } from "./notebook/bundle.js";
export { headline, formatHeadline, HEADLINE_MIME, type Headline } from "./notebook/headline.js";
export { toDataFrame } from "./notebook/dataframe.js";
export { runNotebooks, listNotebooks, checkJupyter, type NotebookRunOptions, type NotebookRunResult } from "./notebook/runner.js";
export { readNotebookOutputs, type NotebookOutputs } from "./notebook/outputs.js";
export { runMainJob, type MainJobResult } from "./notebook/pipeline.js";
export { ridgeFit, ridgePredict, takeRows, hstack, type Matrix, type RidgeModel, type RidgeFit } from "./predict/ridge.js";
export { blockRidge, type BlockRidgeFit } from "./predict/block-ridge.js";
export { nb201Features, nb201FeatureMatrix, nb201LiveEdges, NB201_FEATURE_SETS, type Nb201FeatureSet } from "./predict/nb201-features.js";
export { choiceCounts } from "./predict/choice-counts.js";
export { ofaLatencyFeatures, ofaLatencyFeatureMatrix, OFA_LATENCY_FEATURES } from "./predict/ofa-latency-features.js";
export { LinearLatencyPredictor, type LinearPredictorJson } from "./predict/linear-predictor.js";
export { LookupTablePredictor, type Calibration, type LutPredictorJson } from "./predict/lut-predictor.js";
export { OfaAccuracyPredictor } from "./predict/ofa-accuracy-predictor.js";
export { MLP_ENGINES, MlpLatencyPredictor, type MlpEngineName, type MlpOptions, type MlpPredictorJson, type EpochLog } from "./predict/mlp-predictor.js";
export { predictionMetrics, type PredictionMetrics } from "./predict/metrics.js";
export { adaptContext, adaptTarget, contextRanking, scoreAdaptation, checkProxies, type AdaptOptions, type Adaptation, type AdaptationScore } from "./adapt/adapt.js";
export { ADAPT_METHODS, DEFAULT_ADAPT_METHOD, BAG_COUNT, BAG_SHARE, BAG_MIN, BAG_LOCAL_STEPS, bagSubsets, bagRefitGrids, OOB_MIN, runMethod, fitAdaProxyObjective, type MethodResult, type AdaptMethod, type AdaProxyNorm, type AdaptContext, type Measured } from "./adapt/methods.js";
export { selectSamples, proxyRanking, SELECTION_STRATEGIES, type SelectionStrategy } from "./adapt/select.js";
export { PROTOCOLS, PROTOCOL_NAMES, HELP_PAPER_K10, runProtocol, summarise, ceilingSrcc, estimateCalibration, type EstimateCalibration, type Protocol, type ProtocolName, type ProtocolRun, type ProtocolSummary } from "./adapt/protocols.js";
export { adaptationRowsFigure, srccVsSamplesFigure } from "./viz/adaptation-figures.js";
export { NB201_GENOME, OFA_GENOME, FBNET_GENOME, ofaGenomeAt, type Genome } from "./search/genome.js";
export { tableEvaluator, Archive, type Evaluator, type Evaluated, type Objectives } from "./search/evaluator.js";
export { frontAfter, SEARCH_ALGORITHMS, type SearchAlgorithm, type SearchOptions, type SearchRun } from "./search/search-run.js";
export { nsga2, type Nsga2Options } from "./search/nsga2.js";
export { agingEvolution, type AgingOptions, type AgingRun } from "./search/aging-evolution.js";
export { randomSearch } from "./search/random-search.js";
export { oneProxySearch, proxySets, scoreOneProxy, type ProxySets, SEARCH_ADAPT_METHOD, ADAPT_DECISIONS, type AdaptDecision, SET_RULES, DEFAULT_SCENARIOS, DEFAULT_SUBSAMPLE, type SetRule, type OneProxyOptions, type OneProxyResult, type OneProxyScore } from "./search/one-proxy.js";
export { carryAdaptedLatency, fitOfaTargetModels, runOfaSpaceSearch, type OfaTargetModel, type OfaSpaceSearchRow, type OfaSpaceSearchOptions } from "./search/ofa-space-search.js";
export { loadOfaSearchTable, OFA_PROXY_COLUMN, OFA_ACCURACY_COLUMN, type OfaSearchTable } from "./search/ofa-search-table.js";
export { loadNb201SearchTable, runSearchProtocol, evolutionComparison, ofaNote10Search, NB201_ACCURACIES, type OfaSearchSummary, type SearchProtocolRow, type SearchProtocolOptions, type EvolutionCurve } from "./search/search-protocol.js";

export { buildNb201Network, nb201Layout, type Nb201NetworkOptions, type Nb201Layout } from "./measure/nb201-network.js";
export { nb201Cost, ofaCost, layersModelCost, type ModelCost } from "./measure/model-cost.js";
export { buildOfaNetwork, ofaBlocks, makeDivisible, type OfaBlock } from "./measure/ofa-network.js";
export { buildNetwork, imageShapeOf, networkCost, parseMeasurableSpace, MEASURABLE_SPACES, REFERENCE_ARCHS, type MeasurableSpace, type BuiltNetwork } from "./measure/network.js";
export { DEFAULT_PROTOCOL, resolveProtocol, runStats, timeInference, timePaired, MeasurementError, type MeasureProtocol, type RunStats, type PairedStats } from "./measure/protocol.js";
export { RUNTIME_NAMES, parseRuntime, type RuntimeName, type RuntimeSpec } from "./measure/runtime-name.js";
export { measureArchitecture, createMeasurer, type Measurer, type ArchMeasurement } from "./measure/measure-architecture.js";
export {
  MEASUREMENT_FORMAT, readMeasurementFile, writeMeasurementFile, mergeMeasurementFiles, pendingWork, repeatWork, measurementCsv, combinePasses, referenceScale, emptyMeasurementFile, sidecarPath,
  type MeasurementFile, type RuntimeSection, type RuntimeMetadata, type WorkUnit, type PendingWork, type ArchRecord, type CombinedLatency,
} from "./measure/measurement-file.js";
export { measurementReport, type RuntimeReportRow } from "./measure/measurement-report.js";
export { measureToFile, type MeasureRunOptions, type MeasureSummary, type MeasureProgress, type IndexedArch } from "./measure/measure-run.js";
export { stratifiedNb201Sample } from "./measure/sample-architectures.js";
export { serveMeasurement, MAX_BODY_BYTES, type ServeOptions } from "./measure/measure-server.js";
export { measureInChromium, chromiumMeasureArgs } from "./measure/chromium-run.js";
export { measureInFirefox } from "./measure/firefox-run.js";
export { measureOnRuntime } from "./measure/measure-on-runtime.js";
export { findExecutable, type ExecutableSpec } from "./runtime/executable.js";
export { firefoxPath, openInFirefox, FIREFOX_PREFS, type FirefoxProcess } from "./runtime/firefox.js";
export { localDatasetPath, loadLocalMeasurements, measurementsFor } from "./measure/local-dataset.js";
export { paretoSetsFigure, searchRegretFigure, evolutionCurveFigure, type ParetoSetsInput } from "./viz/search-figures.js";
export { runCli } from "./cli/main.js";
