import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatasetRowError } from "@infera/contracts";
import type { RowError, TokenizerPort } from "@infera/dataset-validation";
import {
  ColumnMappingError,
  type DatasetValidationReport,
  encodeErrorReportLine,
  validateDataset,
} from "@infera/dataset-validation";
import type { BlobStore } from "../ports/blob-store.js";
import { invalid } from "../shared/errors.js";
import { blobSources } from "./dataset-files.js";
import type { DatasetReading } from "./dataset-reading.js";

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
    index: e.index ?? null,
    container: e.container ?? "jsonl",
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
  opts: {
    tokenizer: TokenizerPort;
    reading: DatasetReading;
    maxLength?: number | null;
    /** Says where a refused mapping came from (appended to its message). */
    mappingNote?: string;
  },
): Promise<ValidationOutcome> {
  const dir = await mkdtemp(join(tmpdir(), "infera-dataset-report-"));
  const path = join(dir, "report.jsonl");
  const out = createWriteStream(path);
  let errors = 0;
  try {
    const report = await validateDataset(blobSources(store, files), {
      tokenizer: opts.tokenizer,
      ...opts.reading,
      ...(opts.maxLength ? { maxLength: opts.maxLength } : {}),
      previewRows: 0,
      async onError(e) {
        errors++;
        if (!out.write(encodeErrorReportLine(e))) await once(out, "drain");
      },
    }).catch((err) => {
      throw mappingRefused(err, opts.reading, opts.mappingNote);
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

/**
 * A mapping the files cannot be read with (a table without a mapped column): a validation error
 * naming the column, before any row is counted. Anything else is passed on as it is.
 */
export function mappingRefused(err: unknown, reading: DatasetReading, note?: string): unknown {
  if (!(err instanceof ColumnMappingError)) return err;
  return invalid(`column mapping refused: ${err.message}${note ? ` (${note})` : ""}`, {
    mapping: reading.mapping ?? null,
  });
}
