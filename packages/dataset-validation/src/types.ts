import type { TokenizerChatMessage } from "./tokenizer-port.js";

/** The record formats a dataset version may hold (one per version). */
export type DatasetFormat = "chat" | "prompt_completion" | "text" | "preference";

export const DATASET_FORMATS: readonly DatasetFormat[] = ["chat", "prompt_completion", "text", "preference"];

/** How a file's records are stored: JSON lines, one JSON array, a CSV table or a Parquet table (each maybe gzipped). */
export type DatasetContainer = "jsonl" | "json" | "csv" | "parquet";

export const DATASET_CONTAINERS: readonly DatasetContainer[] = ["jsonl", "json", "csv", "parquet"];

/** One file of a dataset version; the files are read in order, as if concatenated. */
export interface DatasetFile {
  name?: string;
  data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** A file as given by a caller: with a name, or just its bytes. */
export type DatasetInput = DatasetFile | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * Called once per pass: streaming validation reads the files more than once where it must (error
 * report, keep-valid-only, split), so callers hand a way to open them, e.g. from the blob store.
 */
export type DatasetSources = readonly DatasetInput[] | (() => readonly DatasetInput[]);

export type RowErrorCode =
  | "invalid_utf8"
  | "line_too_long"
  | "invalid_json"
  | "not_an_object"
  | "unknown_format"
  | "format_mismatch"
  | "invalid_record";

/**
 * A record that cannot be used, located by its position in the concatenation and in its own file.
 * For JSONL every line is a record, so `line` is the line in the concatenated files, as before.
 */
export interface RowError {
  /** 1-based record position in the concatenated files (JSONL: the line; blank lines count). */
  line: number;
  /** 0-based index of the file. */
  file: number;
  fileName?: string;
  /**
   * 1-based line within its file where the record starts (JSONL, CSV, JSON array); for Parquet,
   * the row number (index + 1).
   */
  fileLine: number;
  /** 0-based record index within its file, for JSON arrays and Parquet (how those are numbered). */
  index?: number;
  /** The file's container; absent for JSONL. */
  container?: DatasetContainer;
  /** 1-based character column, where the JSON parser or UTF-8 check gives one. */
  column?: number;
  code: RowErrorCode;
  message: string;
}

export type ChatMessage = TokenizerChatMessage;

/** A record that passed the checks of its format, in the shape token counting uses. */
export type DatasetRecord =
  | {
      format: "chat";
      messages: ChatMessage[] /** OpenAI function definitions offered to the model. */;
      tools?: unknown[];
    }
  | { format: "prompt_completion"; prompt: string; completion: string }
  | { format: "text"; text: string }
  | {
      format: "preference";
      prompt: string | ChatMessage[] | undefined;
      chosen: string | ChatMessage[];
      rejected: string | ChatMessage[];
    };

/** A valid row: its location, its JSON text (as uploaded) and the parsed value. */
export interface ValidRow {
  line: number;
  file: number;
  fileName?: string;
  fileLine: number;
  /** 0-based index among the valid rows. */
  index: number;
  /** 0-based record index within its file (JSON arrays and Parquet). */
  recordIndex?: number;
  /** The record's JSON: as uploaded for JSONL and JSON arrays, `JSON.stringify(value)` for tables. */
  json: string;
  /** The record after the column mapping (the JSON object, or the table row). */
  value: Record<string, unknown>;
  /** The record in the internal form (what the trainer and the token statistics read). */
  record: DatasetRecord;
}
