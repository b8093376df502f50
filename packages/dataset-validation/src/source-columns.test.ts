import { describe, expect, it } from "vitest";
import { encode } from "./fixtures/shape-fixtures.js";
import { sourceColumns } from "./source-columns.js";
import { chunked } from "./test-helpers.js";
import { DATASET_CONTAINERS } from "./types.js";

const rows = [
  { question: "What is 2+2?", answer: "4" },
  { question: "Two lines,\nplease", answer: "one\ntwo", source: "poetry" },
];

describe("sourceColumns", () => {
  for (const container of DATASET_CONTAINERS)
    for (const gzip of [false, true])
      it(`the keys of the first records as uploaded: ${container}${gzip ? ".gz" : ""}`, async () => {
        const bytes = encode(rows, container, gzip);
        expect(await sourceColumns([{ data: chunked(bytes, 13) }])).toEqual(["question", "answer", "source"]);
        // Only the first records are read.
        expect(await sourceColumns([{ data: chunked(bytes, 13) }], 1)).toEqual(
          container === "jsonl" || container === "json"
            ? ["question", "answer"]
            : ["question", "answer", "source"],
        );
      });

  it("skips records that are not objects", async () => {
    const text = `{broken\n[1]\n\n${JSON.stringify({ text: "x" })}\n`;
    expect(await sourceColumns([[new TextEncoder().encode(text)]])).toEqual(["text"]);
  });
});
