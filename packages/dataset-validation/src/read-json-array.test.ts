import { describe, expect, it } from "vitest";
import { jsonArrayElements } from "./read-json-array.js";
import { chunked } from "./test-helpers.js";

const elements = async (text: string, size: number) => {
  const out: { index: number; line: number; text?: string; problem?: string }[] = [];
  for await (const e of jsonArrayElements(chunked(text, size), 1 << 20))
    out.push({
      index: e.index,
      line: e.line,
      ...(e.bytes ? { text: new TextDecoder().decode(e.bytes) } : {}),
      ...(e.problem ? { problem: e.problem } : {}),
    });
  return out;
};

describe("jsonArrayElements", () => {
  it("splits elements across any chunk boundary: escapes, nested brackets in strings, scalars, lines", async () => {
    const values = [
      { a: 'quote " and backslash \\ and \\" and "]}' },
      [1, [2, { b: "[{" }]],
      "a string, with a comma",
      12.5e3,
      true,
      null,
      { multi: "line\\nescape", é: "日本" },
    ];
    const text = `\uFEFF [\n${values.map((v, i) => JSON.stringify(v, null, i % 2 ? 2 : 0)).join(" ,\n\n")}\n]  \n`;
    const lines = values.map((_, i) => {
      const start = text.indexOf(JSON.stringify(values[i], null, i % 2 ? 2 : 0));
      return text.slice(0, start).split("\n").length;
    });
    for (const size of [1, 2, 3, 5, 7, 64, 4096]) {
      const got = await elements(text, size);
      expect(got.map((e) => JSON.parse(e.text!))).toEqual(values);
      expect(got.map((e) => e.line)).toEqual(lines);
      expect(got.map((e) => e.index)).toEqual(values.map((_, i) => i));
    }
  });

  it("counts a raw line break inside a string, so later elements keep their lines", async () => {
    const got = await elements('[{"a": "x\ny"},\n{"b": 1}]', 3);
    expect(got.map((e) => e.line)).toEqual([1, 3]);
  });

  it("says where the array breaks", async () => {
    expect(await elements("[]", 1)).toEqual([]);
    expect((await elements('{"a": 1}', 4))[0]!.problem).toBe("a JSON array file must start with [");
    expect((await elements("[1, 2] x", 4)).at(-1)!.problem).toBe("data after the end of the array (])");
    expect((await elements("[1, , 2]", 4)).at(-1)!).toMatchObject({
      index: 1,
      problem: "unexpected , where element 1 should start",
    });
    expect((await elements('[{"a": 1}', 4)).at(-1)!.problem).toBe(
      "the file ends before the array's closing ]",
    );
    expect((await elements('[{"a": "1}]', 4)).at(-1)!.problem).toBe("the file ends inside element 0");
  });
});
