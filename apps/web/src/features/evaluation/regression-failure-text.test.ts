import type { RegressionCheckFailure, RegressionFailure } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../i18n/i18n";
import { enUS } from "../../i18n/locales/en-US";
import { zhCN } from "../../i18n/locales/zh-CN";
import { regressionFailureText } from "./regression-failure-text";

const t = (lang: "en-US" | "zh-CN") => createI18n(lang, { "zh-CN": zhCN, "en-US": enUS }).t;
const failing = (
  kind: NonNullable<RegressionFailure["check"]>["kind"],
  failure: Partial<RegressionCheckFailure> & Pick<RegressionCheckFailure, "code">,
  index = 1,
): RegressionFailure => ({
  index: 1_000_000_002,
  prompt_index: 2,
  prompt: "Route this ticket",
  reason: "the server's English sentence",
  check: { index, kind, failure: { expected: null, got: null, detail: null, ...failure } },
});

/** Every way a check fails, said in both languages; the quoted texts stay as they are. */
const CASES: [RegressionFailure, string, string][] = [
  [
    failing("json_valid", { code: "no_answer", detail: "HTTP 500: boom" }, 0),
    "check 1 (json_valid): no answer: HTTP 500: boom",
    "检查 1（json_valid）：没有回答：HTTP 500: boom",
  ],
  [
    failing("contains", { code: "missing_text", expected: "billing" }),
    "check 2 (contains): does not contain “billing”",
    "检查 2（contains）：不包含 “billing”",
  ],
  [
    failing("not_contains", { code: "forbidden_text", expected: "password" }),
    "check 2 (not_contains): contains “password”",
    "检查 2（not_contains）：包含了 “password”",
  ],
  [
    failing("exact", { code: "not_exact", expected: "billing", got: "shipping" }),
    "check 2 (exact): is “shipping”, expected “billing”",
    "检查 2（exact）：回答为 “shipping”，应为 “billing”",
  ],
  [
    failing("regex", { code: "bad_pattern", detail: "Unterminated group" }),
    "check 2 (regex): the pattern does not compile: Unterminated group",
    "检查 2（regex）：正则表达式无法编译：Unterminated group",
  ],
  [
    failing("regex", { code: "no_match", expected: "/^\\{/" }),
    "check 2 (regex): does not match /^\\{/",
    "检查 2（regex）：不匹配 /^\\{/",
  ],
  [
    failing("json_schema", { code: "not_json" }),
    "check 2 (json_schema): is not valid JSON",
    "检查 2（json_schema）：不是合法的 JSON",
  ],
  [
    failing("json_schema", { code: "schema_mismatch", detail: "$.route: must be one of billing, tech" }),
    "check 2 (json_schema): does not conform to the schema: $.route: must be one of billing, tech",
    "检查 2（json_schema）：不符合 JSON Schema：$.route: must be one of billing, tech",
  ],
];

describe("regressionFailureText", () => {
  it.each(CASES)("%# in en-US and zh-CN", (failure, en, zh) => {
    expect(regressionFailureText(failure, t("en-US"))).toBe(en);
    expect(regressionFailureText(failure, t("zh-CN"))).toBe(zh);
  });

  it("masked for Finance: which check and how stay, the texts are masked", () => {
    const masked = failing("exact", { code: "not_exact", expected: "••••", got: "••••" });
    expect(regressionFailureText(masked, t("zh-CN"))).toBe("检查 2（exact）：回答为 “••••”，应为 “••••”");
  });

  it("a failure recorded before the parts existed is the server's sentence", () => {
    const legacy: RegressionFailure = { ...failing("exact", { code: "not_exact" }), check: undefined };
    expect(regressionFailureText(legacy, t("zh-CN"))).toBe("the server's English sentence");
    expect(regressionFailureText({ ...legacy, check: null }, t("en-US"))).toBe(
      "the server's English sentence",
    );
  });
});
