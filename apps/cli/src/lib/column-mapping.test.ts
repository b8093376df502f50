import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mappingText, parseMapping } from "./column-mapping.js";

describe("--map", () => {
  it("reads target=source pairs, merges repeated options and reads @file.json", () => {
    const first = parseMapping("prompt=question, completion = answer", undefined);
    expect(first).toEqual({ prompt: "question", completion: "answer" });
    expect(parseMapping("system=sys", first)).toEqual({ ...first, system: "sys" });
    const file = join(mkdtempSync(join(tmpdir(), "infera-map-")), "mapping.json");
    writeFileSync(file, JSON.stringify({ prompt: "Frage, kurz", completion: "a=b" }));
    expect(parseMapping(`@${file}`, undefined)).toEqual({ prompt: "Frage, kurz", completion: "a=b" });
    expect(mappingText(first)).toBe("prompt ← question, completion ← answer");
  });

  it("refuses what is not a mapping, saying why", () => {
    expect(() => parseMapping("prompt", undefined)).toThrow(/must be target=source/);
    expect(() => parseMapping("prompt=", undefined)).toThrow(/must be target=source/);
    expect(() => parseMapping("prompt=q,completion=q", undefined)).toThrow(/mapped twice/);
    expect(() => parseMapping("@/nonexistent/mapping.json", undefined)).toThrow(/cannot read/);
  });
});
