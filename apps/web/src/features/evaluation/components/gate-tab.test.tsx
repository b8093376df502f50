import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderUi } from "../../../test/render";
import { gateOutcome, gateRun } from "../test/fixtures";
import { GateTab } from "./gate-tab";

const passRate = gateOutcome({
  rule_id: "egr_r",
  metric: "regression_pass_rate",
  comparator: "pass_rate_at_least",
  value: 0.5,
  ci_low: 0.25,
  ci_high: 0.75,
  threshold: 0.9,
  passed: false,
  reason: "2 of 4 regression prompts passed: 0.50 [0.25, 0.75] is below 0.90",
  regression: {
    passed: 2,
    total: 4,
    failures: [
      {
        index: 1_000_000_001,
        prompt_index: 1,
        prompt: "Reply in JSON",
        reason: "checks[0] json_valid: is not valid JSON",
        check: {
          index: 0,
          kind: "json_valid",
          failure: { code: "not_json", expected: null, got: null, detail: null },
        },
      },
      {
        index: 1_000_000_003,
        prompt_index: 3,
        prompt: "Route: refund",
        reason: 'checks[1] contains: does not contain "billing"',
      },
    ],
  },
});

describe("GateTab with a regression pass-rate rule", () => {
  it.each(["en-US", "zh-CN"] as const)(
    "shows the pass rate with its interval and the failing prompts (%s)",
    (lang) => {
      renderUi(<GateTab run={gateRun([gateOutcome(), passRate])} projectId="proj_1" onRerun={() => {}} />, {
        lang,
        route: "/t/ten_1/p/proj_1/evaluation/evr_g?tab=gate",
        path: "/t/:tenantId/p/:projectId/evaluation/:evalRunId",
      });
      const rules = screen.getByRole("table", { name: lang === "en-US" ? "Gate rules" : "门禁规则" });
      const row = within(rules)
        .getByText(lang === "en-US" ? "Regression pass rate" : "回归提示通过率")
        .closest("tr")!;
      expect(row).toHaveTextContent("0.5");
      expect(row).toHaveTextContent("[0.25, 0.75]");
      expect(row).toHaveTextContent("0.9");
      // The verdict's sentence in the console's language, said from the outcome's numbers.
      expect(row).toHaveTextContent(
        lang === "en-US"
          ? "2 of 4 regression prompts passed: 0.5 [0.25, 0.75] is below 0.9"
          : "4 条回归提示中通过 2 条：0.5 [0.25, 0.75]，低于 0.9",
      );
      expect(screen.getByTestId("failed-rules")).toHaveTextContent(
        lang === "en-US" ? "is below 0.9" : "低于 0.9",
      );
      const failing = screen.getByRole("region", {
        name: lang === "en-US" ? "Failing prompts (2 of 4)" : "未通过的提示（4 条中 2 条）",
      });
      expect(failing).toHaveTextContent("Reply in JSON");
      // Said from the failure's parts in the console's language; a run recorded before the parts
      // existed keeps the server's sentence.
      expect(failing).toHaveTextContent(
        lang === "en-US"
          ? "check 1 (json_valid): is not valid JSON"
          : "检查 1（json_valid）：不是合法的 JSON",
      );
      expect(failing).toHaveTextContent('checks[1] contains: does not contain "billing"');
      const link = within(failing).getByRole("link", {
        name: lang === "en-US" ? "Sample 1000000003" : "样本 1000000003",
      });
      expect(link.getAttribute("href")).toContain("tab=samples&gate_rule=egr_r");
    },
  );
});
