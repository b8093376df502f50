import { Alert, Button, Space, Steps } from "antd";
import { type ReactNode, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSubmitOnce } from "../../lib/use-submit-once";
import { busyButton } from "../dialogs/busy-button";
import { errorMessage } from "../error-state/error-message";

export interface WizardStep {
  key: string;
  title: ReactNode;
  content: ReactNode;
  /** Resolves true (or undefined) to go on; false or a thrown error keeps the user on this step. */
  validate?: () => Promise<boolean | undefined> | boolean | undefined;
}

/**
 * Thrown by `onSubmit` when the failure belongs to one step (a server error naming one of its
 * fields): the wizard goes back to that step and shows `cause` there.
 */
export class WizardStepError extends Error {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export interface WizardProps {
  steps: WizardStep[];
  /** The last step, always shown before submitting: what will be created, with resolved ids. */
  review: ReactNode;
  submitText?: string;
  onSubmit: () => Promise<unknown> | unknown;
  onCancel?: () => void;
}

/** Multi-step form: per-step validation, a review step, and a submit that runs once. */
export function Wizard({ steps, review, submitText, onSubmit, onCancel }: WizardProps) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
  const [error, setError] = useState<unknown>(null);
  // A validation still running when the user clicks again is superseded, never waited for.
  const run = useRef(0);
  const all = [...steps, { key: "__review", title: t("wizard.review"), content: review }];
  const isReview = current === all.length - 1;

  const next = async (attempt = 1): Promise<void> => {
    const step = steps[current];
    const mine = ++run.current;
    setError(null);
    try {
      const ok = step?.validate ? await step.validate() : true;
      if (ok === false || mine !== run.current) return;
      setCurrent(Math.min(current + 1, all.length - 1));
    } catch (e) {
      // Ant Design's validateFields rejects with `outOfDate` and no field errors when a value changed
      // while it ran (a form filling itself in just after opening): nothing to show, so validate
      // again rather than leave the click without effect. Otherwise the step's own form shows its
      // field errors.
      if ((e as { outOfDate?: boolean } | null)?.outOfDate && mine === run.current && attempt < 3)
        return next(attempt + 1);
    }
  };
  const [submit, pending] = useSubmitOnce(async () => {
    setError(null);
    try {
      await onSubmit();
    } catch (e) {
      if (e instanceof WizardStepError) {
        const at = all.findIndex((s) => s.key === e.step);
        if (at >= 0) setCurrent(at);
        setError(e.cause);
      } else setError(e);
    }
  });

  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="large">
      <Steps size="small" current={current} items={all.map((s) => ({ key: s.key, title: s.title }))} />
      <div>
        {all.map((s, i) => (
          // Steps stay mounted so their form values survive going back and forth.
          <div key={s.key} hidden={i !== current} data-step={s.key}>
            {s.content}
          </div>
        ))}
      </div>
      {error ? <Alert type="error" showIcon title={errorMessage(error, t)} /> : null}
      <Space>
        {onCancel ? <Button onClick={onCancel}>{t("common.cancel")}</Button> : null}
        <Button
          disabled={current === 0 || pending}
          onClick={() => {
            run.current++;
            setCurrent((c) => Math.max(0, c - 1));
          }}
        >
          {t("wizard.back")}
        </Button>
        {isReview ? (
          <Button type="primary" {...busyButton(pending)} onClick={() => void submit()}>
            {submitText ?? t("wizard.submit")}
          </Button>
        ) : (
          <Button type="primary" onClick={() => void next()}>
            {t("wizard.next")}
          </Button>
        )}
      </Space>
    </Space>
  );
}
