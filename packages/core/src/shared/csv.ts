import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";

export type CsvRow = Record<string, unknown>;

/**
 * The one CSV encoder (csv-stringify): a header row, RFC 4180 quoting, CRLF, objects and arrays as
 * JSON, booleans as true/false, and a cell a spreadsheet would run as a formula (starting with
 * = + - @, a tab or CR; a negative number stays a number) prefixed with ' so it stays text. Rows are
 * pulled from `rows` as the reader consumes the output, so memory holds one page, not the export.
 */
export function encodeCsv(
  rows: AsyncIterable<CsvRow> | Iterable<CsvRow>,
  columns: readonly string[],
): Readable {
  const encoder = stringify({
    header: true,
    columns: [...columns],
    record_delimiter: "windows",
    escape_formulas: true,
    // Records end in CRLF, but a bare LF or CR inside a cell must be quoted too (RFC 4180 readers split on it).
    quoted_match: /[\r\n]/,
    cast: {
      boolean: (v) => String(v),
      date: (v) => v.toISOString(),
      object: (v) => JSON.stringify(v),
      bigint: (v) => String(v),
    },
  });
  // pipeline destroys the encoder with the source's error, so a failed page ends the download.
  pipeline(Readable.from(rows, { objectMode: true }), encoder).catch(() => {});
  return encoder;
}
