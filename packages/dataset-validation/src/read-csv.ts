import { Readable } from "node:stream";
import { parse } from "csv-parse";

/** One CSV row as an object keyed by the header, where it starts, or why the table cannot be read on; or the header. */
export interface CsvRow {
  /** 1-based line of the file where the row starts (quoted fields may span lines). */
  line: number;
  value?: Record<string, string>;
  problem?: { fatal: boolean; message: string };
  /** The header's columns, once, before the first row. */
  columns?: string[];
}

const NL = /\n/g;

/**
 * The rows of a CSV file with a header row (RFC 4180: quoted fields may hold commas, quotes and
 * line breaks; CRLF or LF). Empty lines are skipped; a row whose field count differs from the
 * header's is a problem of that row; a broken quote ends the file with a problem.
 */
export async function* csvRows(
  data: AsyncIterable<Uint8Array>,
  maxRecordBytes: number,
): AsyncGenerator<CsvRow> {
  const parser = parse({
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ["\r\n", "\n"],
    max_record_size: maxRecordBytes,
  });
  const input = Readable.from(data, { objectMode: false });
  input.on("error", (e) => parser.destroy(e));
  input.pipe(parser);
  let header: string[] | undefined;
  let consumed = 0;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      let lead = 0;
      while (raw.charCodeAt(lead) === 0x0a || raw.charCodeAt(lead) === 0x0d) {
        if (raw.charCodeAt(lead) === 0x0a) consumed++;
        lead++;
      }
      const line = consumed + 1;
      consumed += (raw.slice(lead).match(NL) ?? []).length;
      if (!header) {
        header = record.map((h) => h.trim());
        const seen = new Set<string>();
        for (const h of header) {
          if (h === "") {
            yield { line, problem: { fatal: true, message: "the CSV header has an empty column name" } };
            return;
          }
          if (seen.has(h)) {
            yield { line, problem: { fatal: true, message: `the CSV header names column "${h}" twice` } };
            return;
          }
          seen.add(h);
        }
        yield { line, columns: header };
        continue;
      }
      if (record.length !== header.length) {
        yield {
          line,
          problem: {
            fatal: false,
            message: `row has ${record.length} fields, the header has ${header.length}`,
          },
        };
        continue;
      }
      const value: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) value[header[i]!] = record[i]!;
      yield { line, value };
    }
  } catch (e) {
    const err = e as Error & { lines?: number };
    yield {
      line: err.lines ?? consumed + 1,
      problem: { fatal: true, message: `not valid CSV: ${err.message}` },
    };
  } finally {
    input.destroy();
  }
}
