import { describe, expect, it } from "vitest";
import { encode, SHAPE_RECORDS } from "./fixtures/shape-fixtures.js";
import { normalizedRecord } from "./normalized-rows.js";
import { previewRows } from "./preview-rows.js";
import { DATASET_SHAPES, SHAPE_FORMAT } from "./shapes/shape.js";
import { chunked, wordTokenizer } from "./test-helpers.js";
import { DATASET_CONTAINERS } from "./types.js";
import { validateDataset } from "./validate-dataset.js";

const file = (bytes: Uint8Array, name?: string) => ({ ...(name ? { name } : {}), data: chunked(bytes, 997) });

describe("every shape in every container", () => {
  for (const shape of DATASET_SHAPES)
    for (const container of DATASET_CONTAINERS)
      for (const gzip of [false, true])
        it(`${shape} as ${container}${gzip ? ".gz" : ""}`, async () => {
          const rows = SHAPE_RECORDS[shape];
          const bytes = encode(rows, container, gzip);
          // Detected from the content alone: no file name.
          const report = await validateDataset([file(bytes)], { tokenizer: wordTokenizer(), workers: 0 });
          expect(report.errors).toEqual([]);
          expect(report).toMatchObject({ valid: true, shape, format: SHAPE_FORMAT[shape] });
          expect(report.files).toEqual([{ index: 0, container, lines: rows.length }]);
          expect(report.tokens?.rows).toBe(rows.length);
          // The internal form is the same whatever the container.
          const expected = (await previewRows([[encode(rows, "jsonl")]], 100)).map((r) =>
            normalizedRecord(r.record),
          );
          const got = (await previewRows([file(bytes)], 100)).map((r) => normalizedRecord(r.record));
          expect(got).toEqual(expected);
        });
});
