import { describe, expect, it } from "vitest";
import { parseRegressionJsonl, promptLineOf } from "./regression-jsonl";

const line = (o: unknown) => JSON.stringify(o);

describe("parseRegressionJsonl", () => {
  it("reads one {prompt, checks} a line, skipping blank lines, and keeps each prompt's line", () => {
    const parsed = parseRegressionJsonl(
      [
        line({ prompt: "a", checks: [{ kind: "contains", text: "x", normalization: { lowercase: true } }] }),
        "",
        "   ",
        line({ prompt: "b", checks: [{ kind: "regex", pattern: "^b", flags: "i" }, { kind: "json_valid" }] }),
        line({ prompt: "c", checks: [{ kind: "json_schema", schema: { type: "object" } }] }),
      ].join("\r\n"),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.prompts.map((p) => p.prompt)).toEqual(["a", "b", "c"]);
    expect(parsed.lines).toEqual([1, 4, 5]);
    // The normalization's defaults are filled in as the API's contract does.
    expect(parsed.prompts[0]?.checks[0]?.normalization).toMatchObject({ lowercase: true, trim: true });
  });

  it("names each bad line: not JSON, not an object, the contract's field, a kind's setting", () => {
    const parsed = parseRegressionJsonl(
      [
        "{oops",
        "[1, 2]",
        line({ prompt: "no checks", checks: [] }),
        line({ prompt: "unknown kind", checks: [{ kind: "starts_with", text: "x" }] }),
        line({ prompt: "empty text", checks: [{ kind: "contains", text: " " }] }),
        line({ prompt: "text on regex", checks: [{ kind: "regex", pattern: "x", text: "y" }] }),
        line({ prompt: "bad pattern", checks: [{ kind: "json_valid" }, { kind: "regex", pattern: "(" }] }),
        line({ prompt: "bad flags", checks: [{ kind: "regex", pattern: "x", flags: "g" }] }),
        line({ prompt: "no schema", checks: [{ kind: "json_schema" }] }),
        line({ prompt: "   ", checks: [{ kind: "json_valid" }] }),
        line({ prompt: "x", checks: [{ kind: "json_valid" }], extra: 1 }),
      ].join("\n"),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.line, p.kind, p.path])).toEqual([
      [1, "not_json", ""],
      [2, "not_object", ""],
      [3, "schema", "checks"],
      [4, "schema", "checks.0.kind"],
      [5, "setting", "checks.0.text"],
      [6, "setting", "checks.0.text"],
      [7, "setting", "checks.1.pattern"],
      [8, "setting", "checks.0.flags"],
      [9, "setting", "checks.0.schema"],
      [10, "setting", "prompt"],
    ]);
    // At most ten at once: the eleventh line is not read yet.
    expect(parsed.problems).toHaveLength(10);
  });

  it("refuses an empty set and one over 500 prompts", () => {
    expect(parseRegressionJsonl("\n\n")).toMatchObject({ ok: false, empty: true });
    const many = Array.from({ length: 501 }, (_, i) =>
      line({ prompt: `p${i}`, checks: [{ kind: "json_valid" }] }),
    );
    expect(parseRegressionJsonl(many.join("\n"))).toMatchObject({ ok: false, tooMany: 501 });
    expect(parseRegressionJsonl(many.slice(0, 500).join("\n")).ok).toBe(true);
  });
});

describe("promptLineOf", () => {
  it("maps the server's prompt fields (both spellings) to the line the prompt came from", () => {
    const lines = [1, 4, 7];
    expect(promptLineOf("prompts[2].checks[0].pattern", lines)).toEqual({
      line: 7,
      path: "checks.0.pattern",
    });
    expect(promptLineOf("prompts.1.prompt", lines)).toEqual({ line: 4, path: "prompt" });
    expect(promptLineOf("prompts[0]", lines)).toEqual({ line: 1, path: "" });
    expect(promptLineOf("prompts[9].checks", lines)).toBeNull();
    expect(promptLineOf("prompts", lines)).toBeNull();
    expect(promptLineOf("threshold", lines)).toBeNull();
  });
});
