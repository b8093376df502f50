import type { MetricConfig } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { checkMetricConfig, checkMetricConfigs } from "./check-metric-config.js";
import { containsMatch, exactMatch, normalize } from "./exact-match.js";
import { checkJsonSchema, jsonSchemaMatch, validateJsonSchema } from "./json-schema.js";
import { scoreSample } from "./score-sample.js";

describe("normalize / exact_match", () => {
  it("by default trims and collapses white space, and nothing else", () => {
    expect(normalize("  Paris \n\t France  ")).toBe("Paris France");
    expect(exactMatch("Paris", "paris")).toBe(0);
    expect(exactMatch("Paris.", "Paris")).toBe(0);
  });

  it("applies each option", () => {
    expect(normalize("  A  b ", { trim: false, collapse_whitespace: false })).toBe("  A  b ");
    expect(normalize("  A  b ", { trim: true, collapse_whitespace: false })).toBe("A  b");
    expect(normalize("ParIS", { lowercase: true })).toBe("paris");
    expect(normalize("Hello, world! (¿Qué?) 5$", { strip_punctuation: true })).toBe("Hello world Qué 5");
    expect(normalize("The cat and a dog, an owl", { strip_articles: true })).toBe("cat and dog, owl");
  });

  it("strips articles only as whole words, Unicode-aware (not the 'the' in 'thé' or 'theory')", () => {
    expect(normalize("the thé theory Another", { strip_articles: true })).toBe("thé theory Another");
  });

  it("SQuAD-style normalization makes these answers equal", () => {
    const squad = { lowercase: true, strip_punctuation: true, strip_articles: true };
    expect(exactMatch("The Eiffel Tower.", "eiffel tower", squad)).toBe(1);
    expect(exactMatch("The Eiffel Tower.", "eiffel towers", squad)).toBe(0);
  });

  it("compares composed and decomposed accents as equal (NFC)", () => {
    expect(exactMatch("Cafe\u0301", "Caf\u00e9")).toBe(1);
  });

  it("contains finds the normalized reference inside the output", () => {
    expect(containsMatch("The answer is: PARIS, France", "paris", { lowercase: true })).toBe(1);
    expect(containsMatch("The answer is Lyon", "paris", { lowercase: true })).toBe(0);
  });
});

describe("json_schema", () => {
  const schema = {
    type: "object",
    required: ["name", "age"],
    additionalProperties: false,
    properties: {
      name: { type: "string", minLength: 1, maxLength: 5, pattern: "^[A-Z]" },
      age: { type: "integer", minimum: 0, maximum: 150 },
      tags: { type: "array", items: { enum: ["a", "b"] }, maxItems: 2, uniqueItems: true },
      kind: { anyOf: [{ const: "x" }, { type: "null" }] },
    },
  };

  it.each([
    ['{"name":"Ann","age":30}'],
    ['{"name":"Ann","age":30.0,"tags":["a","b"],"kind":null}'],
    [' {"name":"Zoë","age":0,"kind":"x"} '],
  ])("accepts %s", (output) => {
    expect(jsonSchemaMatch(output, schema)).toBe(1);
  });

  it.each([
    ["not json", "unparseable"],
    ['{"name":"Ann"}', "missing age"],
    ['{"name":"ann","age":3}', "pattern"],
    ['{"name":"Annabel","age":3}', "maxLength"],
    ['{"name":"Ann","age":3.5}', "integer"],
    ['{"name":"Ann","age":-1}', "minimum"],
    ['{"name":"Ann","age":3,"extra":1}', "additionalProperties"],
    ['{"name":"Ann","age":3,"tags":["a","a"]}', "uniqueItems"],
    ['{"name":"Ann","age":3,"tags":["c"]}', "enum in items"],
    ['{"name":"Ann","age":3,"kind":"y"}', "anyOf"],
    ['["Ann",3]', "type"],
  ])("refuses %s (%s)", (output) => {
    expect(jsonSchemaMatch(output, schema)).toBe(0);
  });

  it("says where and why a value fails", () => {
    expect(validateJsonSchema({ name: "Ann", age: "3" }, schema)).toEqual([
      "$.age: expected integer, got string",
    ]);
  });

  it("refuses schemas outside the subset instead of ignoring a keyword", () => {
    expect(checkJsonSchema(schema)).toBeNull();
    expect(
      checkJsonSchema({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        title: "t",
        type: "string",
      }),
    ).toBeNull();
    expect(checkJsonSchema({ properties: { a: { $ref: "#/$defs/x" } } })).toMatch(
      /#\/properties\/a\/\$ref.*not supported/,
    );
    expect(checkJsonSchema({ type: "float" })).toMatch(/#\/type/);
    expect(checkJsonSchema({ items: [{ type: "string" }] })).toMatch(/tuple/);
    expect(checkJsonSchema({ pattern: "(" })).toMatch(/#\/pattern/);
    expect(checkJsonSchema({ minLength: -1 })).toMatch(/non-negative/);
  });
});

describe("checkMetricConfig", () => {
  it.each<[MetricConfig, RegExp | null]>([
    [{ name: "exact_match" }, null],
    [{ name: "regex", pattern: "^\\d+$" }, null],
    [{ name: "regex", pattern: "(unclosed" }, /regex: invalid pattern/],
    [{ name: "regex", pattern: "a", flags: "ii" }, /flags/],
    [{ name: "regex" }, /pattern is required/],
    [{ name: "json_schema" }, /schema is required/],
    [{ name: "json_schema", schema: { type: "object", if: {} } }, /"if" is not supported/],
    [{ name: "judge", judge_service_id: "svc_1" }, /rubric is required/],
    [{ name: "judge", rubric: "Is it polite?" }, /judge_service_id is required/],
    [{ name: "judge", judge_service_id: "svc_1", rubric: "Is it polite?" }, null],
  ])("%j → %s", (config, expected) => {
    const problem = checkMetricConfig(config);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it("names the metric at fault and refuses a metric listed twice", () => {
    expect(checkMetricConfigs([{ name: "bleu" }, { name: "regex", pattern: "[" }])).toMatch(
      /^metrics\[1\]: regex/,
    );
    expect(checkMetricConfigs([{ name: "bleu" }, { name: "bleu" }])).toMatch(/listed twice/);
  });
});

describe("scoreSample", () => {
  const metrics: MetricConfig[] = [
    { name: "exact_match" },
    { name: "contains" },
    { name: "regex", pattern: "^The" },
    { name: "json_valid" },
    { name: "rouge_l" },
    { name: "bleu" },
    { name: "chrf" },
  ];

  it("scores 0/1 metrics as 0/1 and text similarities on 0–100", () => {
    const s = scoreSample(metrics, { output: "The dog bit the man.", reference: "The dog bit the man." });
    expect(s).toEqual({
      exact_match: 1,
      contains: 1,
      regex: 1,
      json_valid: 0,
      rouge_l: 100,
      bleu: 100,
      chrf: 100,
    });
    const t = scoreSample(metrics, { output: "testing one", reference: "testing one two" });
    expect(t.rouge_l).toBeCloseTo(80, 10);
    expect(t.exact_match).toBe(0);
    expect(t.contains).toBe(0);
  });

  it("leaves out what does not apply and never throws on a bad pattern", () => {
    expect(scoreSample(metrics, { output: null, reference: "x" })).toEqual({});
    expect(scoreSample(metrics, { output: '{"a":1}', reference: null })).toEqual({ regex: 0, json_valid: 1 });
    expect(scoreSample([{ name: "regex", pattern: "(" }], { output: "x", reference: null })).toEqual({});
    // A reference ROUGE-L cannot tokenize (no Latin letter or digit): not applicable rather than 0.
    expect(scoreSample([{ name: "rouge_l" }], { output: "北京", reference: "北京" })).toEqual({});
  });

  it("scores json_schema against the configured schema", () => {
    const m: MetricConfig[] = [{ name: "json_schema", schema: { type: "object", required: ["a"] } }];
    expect(scoreSample(m, { output: '{"a":1}', reference: null })).toEqual({ json_schema: 1 });
    expect(scoreSample(m, { output: '{"b":1}', reference: null })).toEqual({ json_schema: 0 });
  });

  it("applies the regex flags", () => {
    const m: MetricConfig[] = [{ name: "regex", pattern: "^yes$", flags: "im" }];
    expect(scoreSample(m, { output: "Well\nYES", reference: null })).toEqual({ regex: 1 });
  });
});
