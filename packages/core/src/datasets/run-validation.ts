import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatasetFormat, DatasetRowError } from "@infera/contracts";
import type { RowError, TokenizerPort } from "@infera/dataset-validation";
import {
  type DatasetValidationReport,
  encodeErrorReportLine,
  validateDataset,
} from "@infera/dataset-validation";
import type { BlobStore } from "../ports/blob-store.js";
import { blobSources } from "./dataset-files.js";

/**
 * The longest line a dataset row may be: longer lines are reported as line_too_long without being
 * held in memory, so one huge line cannot take the server's memory.
 */
export const DATASET_MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface ValidationOutcome {
  report: DatasetValidationReport;
  /** The full error report (JSONL) in the blob store, when there was an error. */
  reportSha256: string | null;
}

export function toWireError(e: RowError): DatasetRowError {
  return {
    line: e.line,
    file: e.file,
    file_name: e.fileName ?? null,
    file_line: e.fileLine,
    column: e.column ?? null,
    code: e.code,
    message: e.message,
  };
}

/**
 * One streaming pass over the stored files: the report (first errors, counts, schema, tokens) and,
 * written as it goes to a temporary file and then to the blob store, every error as a JSONL line.
 * Memory stays bounded by one line whatever the number of errors.
 */
export async function runValidation(
  store: BlobStore,
  files: readonly { name: string; sha256: string }[],
  opts: { tokenizer: TokenizerPort; format?: DatasetFormat | null; maxLength?: number | null },
): Promise<ValidationOutcome> {
  const dir = await mkdtemp(join(tmpdir(), "infera-dataset-report-"));
  const path = join(dir, "report.jsonl");
  const out = createWriteStream(path);
  let errors = 0;
  try {
    const report = await validateDataset(blobSources(store, files), {
      tokenizer: opts.tokenizer,
      ...(opts.format ? { format: opts.format } : {}),
      ...(opts.maxLength ? { maxLength: opts.maxLength } : {}),
      previewRows: 0,
      maxLineBytes: DATASET_MAX_LINE_BYTES,
      async onError(e) {
        errors++;
        if (!out.write(encodeErrorReportLine(e))) await once(out, "drain");
      },
    });
    out.end();
    await once(out, "finish");
    const reportSha256 = errors ? (await store.putFile(path)).sha256 : null;
    return { report, reportSha256 };
  } finally {
    out.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
