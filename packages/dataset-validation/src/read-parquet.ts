import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from "hyparquet";

/** One Parquet row (nulls dropped: a null cell is an absent field), or why the file cannot be read. */
export interface ParquetRow {
  index: number;
  value?: Record<string, unknown>;
  problem?: string;
  /** The file's columns, on the first item. */
  columns?: string[];
}

/** Parquet values as JSON: 64-bit integers as numbers (as strings past 2^53), bytes as UTF-8, dates as ISO text. */
function plain(v: unknown): unknown {
  if (typeof v === "bigint")
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(v)
      : v.toString();
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}

/**
 * The rows of a Parquet file, one row group in memory at a time. Parquet keeps its index at the
 * end of the file, so the stream is first written to a temporary file (removed afterwards) and
 * read from there by hyparquet.
 */
export async function* parquetRows(data: AsyncIterable<Uint8Array>): AsyncGenerator<ParquetRow> {
  const path = join(tmpdir(), `infera-parquet-${randomUUID()}.parquet`);
  try {
    await pipeline(data, createWriteStream(path));
    let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
    let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
    try {
      file = await asyncBufferFromFile(path);
      metadata = await parquetMetadataAsync(file);
    } catch (e) {
      yield { index: 0, problem: `not a readable Parquet file: ${(e as Error).message}` };
      return;
    }
    const columns = parquetSchema(metadata).children.map((c) => c.element.name);
    let index = 0;
    let first = true;
    for (const group of metadata.row_groups) {
      const rows = Number(group.num_rows);
      let objects: Record<string, unknown>[];
      try {
        objects = await parquetReadObjects({ file, metadata, rowStart: index, rowEnd: index + rows });
      } catch (e) {
        yield { index, problem: `Parquet row group at row ${index} cannot be read: ${(e as Error).message}` };
        return;
      }
      for (const o of objects) {
        const value: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) value[k] = plain(v);
        yield { index: index++, value, ...(first ? { columns } : {}) };
        first = false;
      }
    }
    if (first) yield { index: 0, columns };
  } finally {
    await rm(path, { force: true });
  }
}
