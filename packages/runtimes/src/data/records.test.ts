import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDataset } from "./records.js";

function file(lines: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "infera-records-")), "train.jsonl");
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join("\n"));
  return path;
}

describe("readDataset (sft)", () => {
  it("reads the internal chat form with tools, tool calls, tool turns and weights", () => {
    const [record] = readDataset(
      file([
        {
          messages: [
            { role: "user", content: "Refund 7?" },
            {
              role: "assistant",
              content: "",
              tool_calls: [
                { id: "c", type: "function", function: { name: "refund", arguments: '{"id":7}' } },
              ],
            },
            { role: "tool", tool_call_id: "c", content: "ok" },
            { role: "assistant", content: "Done.", weight: 1 },
          ],
          tools: [{ type: "function", function: { name: "refund" } }],
        },
      ]),
      "sft",
    );
    expect(record).toMatchObject({ kind: "chat", tools: [{ type: "function" }], line: 1 });
  });

  it("refuses a conversation whose only assistant turn has weight 0, naming the line", () => {
    const path = file([
      {
        messages: [
          { role: "user", content: "a" },
          { role: "assistant", content: "b" },
        ],
      },
      {
        messages: [
          { role: "user", content: "a" },
          { role: "assistant", content: "b", weight: 0 },
        ],
      },
    ]);
    expect(() => readDataset(path, "sft")).toThrow(
      /line 2: a chat record needs at least one assistant message/,
    );
  });
});
