import type { Readable } from "node:stream";
import { ERROR_REPORT_COLUMNS } from "@infera/dataset-validation";
import { encodeCsv } from "../shared/csv.js";

/** Validation report records as CSV, through the one CSV encoder (same columns as the JSONL). */
export function errorReportCsv(records: AsyncIterable<Record<string, unknown>>): Readable {
  return encodeCsv(records, ERROR_REPORT_COLUMNS);
}
