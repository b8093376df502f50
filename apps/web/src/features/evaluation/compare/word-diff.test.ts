import { describe, expect, it } from "vitest";
import { wordDiff } from "./word-diff";

const changedWords = (segments: { text: string; changed: boolean }[]) =>
  segments.filter((s) => s.changed).map((s) => s.text);

describe("wordDiff", () => {
  it("marks the words each side does not share, and the segments join back into the text", () => {
    const a = "The capital of France is Paris.";
    const b = "The capital of France is Lyon, I think.";
    const d = wordDiff(a, b);
    expect(d.a.map((s) => s.text).join("")).toBe(a);
    expect(d.b.map((s) => s.text).join("")).toBe(b);
    expect(changedWords(d.a)).toEqual(["Paris."]);
    expect(changedWords(d.b)).toEqual(["Lyon, I think."]);
  });

  it("finds the common words around an insertion in the middle", () => {
    const d = wordDiff("one two three four", "one two and a half three four");
    expect(changedWords(d.a)).toEqual([]);
    expect(changedWords(d.b)).toEqual(["and a half"]);
  });

  it("marks nothing for equal texts or a change of spacing only", () => {
    expect(changedWords(wordDiff("same words here", "same words here").a)).toEqual([]);
    const spaced = wordDiff("a b", "a   b");
    expect(changedWords(spaced.a)).toEqual([]);
    expect(changedWords(spaced.b)).toEqual([]);
  });

  it("marks everything against an empty side", () => {
    const d = wordDiff("", "an answer");
    expect(d.a).toEqual([]);
    expect(changedWords(d.b)).toEqual(["an answer"]);
  });
});
