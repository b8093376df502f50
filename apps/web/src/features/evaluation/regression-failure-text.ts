import type { RegressionCheckFailure, RegressionFailure, RegressionSampleResult } from "@infera/contracts";
import type { TFunction } from "i18next";

type CheckKind = RegressionSampleResult["checks"][number]["kind"];

/**
 * One failed check in the console's language: which check (numbered from 1, as people count), its
 * kind, and how it failed, from the parts the server records. The quoted texts (the text looked
 * for, the answer, an error) are the rule's and the model's, so they stay as they are.
 */
export function checkFailureText(
  index: number,
  kind: CheckKind,
  failure: RegressionCheckFailure,
  t: TFunction,
) {
  const quote = (s: string | null) => `“${s ?? ""}”`;
  const how = t(`evaluationPage.checkFailure.${failure.code}`, {
    expected: failure.code === "no_match" ? (failure.expected ?? "") : quote(failure.expected),
    got: quote(failure.got),
    detail: failure.detail ?? "",
  });
  return t("evaluationPage.checkFailure.line", { n: index + 1, kind, how });
}

/**
 * Why a failing regression prompt failed: its first failed check, said by `checkFailureText`. A run
 * recorded before the parts existed has only the server's English `reason`, shown as it is.
 */
export function regressionFailureText(f: RegressionFailure, t: TFunction): string {
  return f.check ? checkFailureText(f.check.index, f.check.kind, f.check.failure, t) : f.reason;
}

/** Every check of a regression sample, one line each: passed, or how it failed. */
export function regressionChecksText(r: RegressionSampleResult, t: TFunction): string[] {
  return r.checks.map((c, i) => {
    if (c.passed) return t("evaluationPage.checkFailure.passed", { n: i + 1, kind: c.kind });
    if (c.failure) return checkFailureText(i, c.kind, c.failure, t);
    return t("evaluationPage.checkFailure.line", { n: i + 1, kind: c.kind, how: c.reason ?? "" });
  });
}
