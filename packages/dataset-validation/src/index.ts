export { applyMapping, type ColumnMapping, ColumnMappingError, checkMapping } from "./column-mapping.js";
export type { DistributionSummary } from "./count-distribution.js";
export { countRecordTokens, type RowTokens } from "./count-record-tokens.js";
export { detectContainer } from "./detect-container.js";
export { detectFormat, FORMAT_FIELDS, REQUIRED_FIELDS } from "./detect-format.js";
export {
  ERROR_REPORT_COLUMNS,
  type ErrorReportFormat,
  encodeErrorReportLine,
  errorReport,
  errorReportRecords,
} from "./error-report.js";
export type { InferredSchema, JsonType, SchemaField } from "./infer-schema.js";
export { KeepValidRows, keepValidRows } from "./keep-valid-rows.js";
export { isTrainedTurn, messageText } from "./message-text.js";
export { normalizedRecord, normalizedRows } from "./normalized-rows.js";
export { previewRows } from "./preview-rows.js";
export { DEFAULT_MAX_LINE_BYTES, readLines } from "./read-lines.js";
export { type ReadOptions, readRecords } from "./read-records.js";
export { type ScanEvent, type ScanOptions, scanDataset } from "./scan-dataset.js";
export { DATASET_SHAPES, type DatasetShape, detectShape, SHAPE_FORMAT } from "./shapes/shape.js";
export { sourceColumns } from "./source-columns.js";
export {
  planSplit,
  type SplitOptions,
  type SplitPart,
  type SplitPlan,
  splitPart,
  splitRows,
  validationSize,
} from "./split-dataset.js";
export type { TokenStatistics } from "./token-statistics.js";
export type {
  TokenizedSequence,
  TokenizerChatMessage,
  TokenizerPort,
  TokenizerRecipe,
} from "./tokenizer-port.js";
export {
  DATASET_CONTAINERS,
  DATASET_FORMATS,
  type DatasetContainer,
  type DatasetFile,
  type DatasetFormat,
  type DatasetInput,
  type DatasetRecord,
  type DatasetSources,
  type RowError,
  type RowErrorCode,
  type ValidRow,
} from "./types.js";
export {
  type DatasetValidationReport,
  FIRST_ERRORS,
  type ValidateDatasetOptions,
  validateDataset,
} from "./validate-dataset.js";
