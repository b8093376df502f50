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

type Parsed = { record: string[]; raw: string } | { error: Error & { lines?: number } };

/**
 * Line breaks in `s[from, to)`: "\n", or a "\r" not followed by "\n" (the parser drops the "\n" of a
 * CRLF that ends a record but keeps its "\r").
 */
function breaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf("\n", from); i >= 0 && i < to; i = s.indexOf("\n", i + 1)) n++;
  for (let i = s.indexOf("\r", from); i >= 0 && i < to; i = s.indexOf("\r", i + 1))
    if (s[i + 1] !== "\n") n++;
  return n;
}

/**
 * The rows of a CSV file with a header row (RFC 4180: quoted fields may hold commas, quotes and
 * line breaks; CRLF or LF), parsed by csv-parse chunk by chunk. Empty lines are skipped; a row whose
 * field count differs from the header's is a problem of that row; a broken quote ends the file
 * with a problem (the rows before it still come).
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
  // The parser emits the records of a chunk while it is written: they are taken from this queue.
  const queue: Parsed[] = [];
  parser.on("data", (r: { record: string[]; raw: string }) => queue.push(r));
  parser.on("error", (error: Error) => queue.push({ error }));
  let header: string[] | undefined;
  let consumed = 0;
  let failed = false;
  function* drain(): Generator<CsvRow> {
    while (queue.length > 0 && !failed) {
      const item = queue.shift()!;
      if ("error" in item) {
        failed = true;
        const message = `not valid CSV: ${item.error.message}`;
        yield { line: item.error.lines ?? consumed + 1, problem: { fatal: true, message } };
        return;
      }
      const { record, raw } = item;
      let lead = 0;
      while (raw.charCodeAt(lead) === 0x0a || raw.charCodeAt(lead) === 0x0d) lead++;
      const line = consumed + 1 + breaks(raw, 0, lead);
      consumed += breaks(raw, 0, raw.length);
      if (!header) {
        header = record.map((h) => h.trim());
        const seen = new Set<string>();
        for (const h of header) {
          const duplicate = seen.has(h);
          seen.add(h);
          if (h === "" || duplicate) {
            failed = true;
            const message =
              h === ""
                ? "the CSV header has an empty column name"
                : `the CSV header names column "${h}" twice`;
            yield { line, problem: { fatal: true, message } };
            return;
          }
        }
        yield { line, columns: header };
        continue;
      }
      if (record.length !== header.length) {
        const message = `row has ${record.length} fields, the header has ${header.length}`;
        yield { line, problem: { fatal: false, message } };
        continue;
      }
      const value: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) value[header[i]!] = record[i]!;
      yield { line, value };
    }
  }
  try {
    for await (const chunk of data) {
      parser.write(chunk);
      yield* drain();
      if (failed) return;
    }
    await new Promise<void>((resolve) => {
      parser.once("end", resolve);
      parser.once("error", () => resolve());
      parser.end();
    });
    yield* drain();
  } finally {
    parser.destroy();
  }
}
