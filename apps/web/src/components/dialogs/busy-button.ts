import type { ButtonProps } from "antd";

/**
 * A submit button's props while its request runs: disabled at once (one submit), the spinner only for
 * a slow answer. Ant Design's loading icon, shown and taken back within its entry animation (a quick
 * refusal: 409, 412), can stay mounted for good — invisible, but read out with the label
 * ("loading Delete") and so no longer found by its name.
 */
export function busyButton(pending: boolean): Pick<ButtonProps, "disabled" | "loading"> {
  return { disabled: pending, loading: pending ? { delay: 400 } : false };
}
