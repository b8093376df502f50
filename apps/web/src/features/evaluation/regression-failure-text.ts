import type { RegressionFailure } from "@infera/contracts";
import type { TFunction } from "i18next";

/**
 * Why a failing regression prompt failed, in the console's language: which check (numbered from 1,
 * as people count) and how it failed, from the parts the server records. The quoted texts (the text
 * looked for, the answer, an error) are the rule's and the model's, so they stay as they are. A run
 * recorded before the parts existed has only the server's English `reason`, shown as it is.
 */
export function regressionFailureText(f: RegressionFailure, t: TFunction): string {
  if (!f.check) return f.reason;
  const { index, kind, failure } = f.check;
  const quote = (s: string | null) => `“${s ?? ""}”`;
  const how = t(`evaluationPage.checkFailure.${failure.code}`, {
    expected: failure.code === "no_match" ? (failure.expected ?? "") : quote(failure.expected),
    got: quote(failure.got),
    detail: failure.detail ?? "",
  });
  return t("evaluationPage.checkFailure.line", { n: index + 1, kind, how });
}
