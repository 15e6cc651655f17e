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

export { dataFrameFromColumns } from "./data/dataframe.js";

export { figure, isFigure, describeFigure, type Figure, type Trace, type Layout } from "./viz/figure.js";
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
export { runCli } from "./cli/main.js";
