import { describe, expect, it } from "vitest";
import { freeText, lineField, nameField, unsafeTextReason } from "./common.js";
import { CreateProjectInput } from "./projects.js";

const refused = {
  NUL: "a\u0000b",
  "a lone high surrogate": "a\ud800b",
  "a lone low surrogate": "a\udc00b",
  "a right-to-left override": "invoice\u202Efdp.exe",
  "a left-to-right embedding": "a\u202Ab",
  "a first-strong isolate": "a\u2068b",
  "a pop directional isolate": "a\u2069b",
  "an escape": "a\u001bb",
  DEL: "a\u007fb",
};

const accepted = [
  "plain",
  "Ünïcödé 漢字 עברית 🚀👩‍💻",
  "שלום\u200Fworld\u200E", // right-to-left and left-to-right marks
  `<script>alert("x")</script> '; DROP TABLE x; --`,
];

describe("text a person typed", () => {
  it.each(Object.entries(refused))("refuses %s in names, lines and free text", (_, text) => {
    for (const schema of [nameField(1, 100), lineField(100), freeText(100)]) {
      const parsed = schema.safeParse(text);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/NUL|control|bidirectional|Unicode/);
    }
  });

  it.each(accepted)("accepts %j everywhere", (text) => {
    for (const schema of [nameField(1, 100), lineField(100), freeText(100)]) {
      expect(schema.safeParse(text).success).toBe(true);
    }
  });

  it("allows tabs and newlines in free text only", () => {
    const text = "first line\n\tsecond line\r\n";
    expect(freeText(100).safeParse(text).success).toBe(true);
    expect(nameField(1, 100).safeParse("a\tb").success).toBe(false);
    expect(lineField(100).safeParse("a\nb").success).toBe(false);
  });

  it("names the reason", () => {
    expect(unsafeTextReason("a\u0000", { multiline: true })).toMatch(/NUL/);
    expect(unsafeTextReason("a\u202E", { multiline: true })).toMatch(/U\+202A/);
    expect(unsafeTextReason("\ud83d", { multiline: true })).toMatch(/unpaired surrogate/);
    expect(unsafeTextReason("\ud83d\ude80", { multiline: false })).toBeNull();
  });

  it("is what request schemas use: a project's name and description", () => {
    const ok = { name: "ok name", env: "dev" as const };
    expect(CreateProjectInput.safeParse({ ...ok, description: "x\u2066y" }).success).toBe(false);
    expect(CreateProjectInput.safeParse({ ...ok, name: "x\u202Ey" }).success).toBe(false);
    expect(CreateProjectInput.safeParse({ ...ok, description: "fine\nlines" }).success).toBe(true);
  });
});
