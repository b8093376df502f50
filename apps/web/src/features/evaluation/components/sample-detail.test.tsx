import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderUi } from "../../../test/render";
import { sample } from "../test/fixtures";
import { SampleDetail } from "./sample-detail";

const regressionSample = sample(1_000_000_001, {
  output: '{"route": "sales"}',
  regression: {
    rule_id: "egr_r",
    prompt_index: 1,
    passed: false,
    checks: [
      { kind: "json_valid", passed: true, reason: null, failure: null },
      {
        kind: "exact",
        passed: false,
        reason: 'is "sales", expected "billing"',
        failure: { code: "not_exact", expected: "billing", got: "sales", detail: null },
      },
      // Recorded before the parts existed: the server's sentence.
      { kind: "contains", passed: false, reason: 'does not contain "refund"' },
    ],
  },
});

describe("SampleDetail of a gate's regression prompt", () => {
  it.each([
    [
      "en-US",
      "Regression checks",
      [
        "check 1 (json_valid): passed",
        "check 2 (exact): is “sales”, expected “billing”",
        'check 3 (contains): does not contain "refund"',
      ],
    ],
    [
      "zh-CN",
      "回归检查",
      [
        "检查 1（json_valid）：通过",
        "检查 2（exact）：回答为 “sales”，应为 “billing”",
        '检查 3（contains）：does not contain "refund"',
      ],
    ],
  ] as const)("lists every check, passed or how it failed (%s)", (lang, label, lines) => {
    renderUi(<SampleDetail sample={regressionSample} />, { lang });
    expect(screen.getByText(label)).toBeInTheDocument();
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(lines);
  });

  it("shows no checks for a dataset sample", () => {
    renderUi(<SampleDetail sample={sample(3)} />);
    expect(screen.queryByText("Regression checks")).toBeNull();
  });
});
