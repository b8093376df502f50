import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { gptTokenizer } from "./gpt-tokenizer.js";

/** Pieces of text from many scripts, with contractions, numbers, marks, emoji and lone surrogates. */
const PARTS = [
  ..."aB  \n\r\n\t1!?/é".split(""),
  "'s",
  "'LL",
  "123456",
  "数据",
  "データ",
  "🙂",
  "👍🏽",
  "\ud800",
  "\udc00",
  "x²",
  "\u0301",
  "...",
  "Ё",
  "ا",
  "ǅ",
  "ﬁ",
  "<|im_start|>",
  "<|endoftext|>",
  " the",
  "karitona",
  "Strproing",
];

function texts(count: number, seed: number): string[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    let s = "";
    for (let n = 1 + Math.floor(rand() * 40); n > 0; n--) s += PARTS[Math.floor(rand() * PARTS.length)];
    return s;
  });
}

describe("bpeCounter over the shared rank table", () => {
  it("counts exactly as gpt-tokenizer encodes (o200k and cl100k), on random text of many scripts", () => {
    const sample = texts(5_000, 42);
    for (const [encoding, lib] of [
      ["o200k_base", o200k],
      ["cl100k_base", cl100k],
    ] as const) {
      const tok = gptTokenizer(encoding);
      const plain = { disallowedSpecial: new Set<string>() };
      const wrong = sample.filter((t) => tok.count!(t) !== lib.encode(t, plain).length);
      expect(wrong).toEqual([]);
    }
  });

  it("counts the same in a thread given the table through its recipe (shared, not rebuilt)", () => {
    const tok = gptTokenizer("o200k_base");
    const recipe = tok.recipe!;
    const [encoding, tables] = recipe.args as ["o200k_base", { ranks: SharedArrayBuffer; split: RegExp }];
    expect(tables.ranks).toBeInstanceOf(SharedArrayBuffer);
    const rebuilt = gptTokenizer(encoding, structuredClone(tables));
    for (const t of texts(500, 7)) expect(rebuilt.count!(t)).toBe(tok.count!(t));
  });
});
