import type { ServiceRevisionDetail } from "@infera/contracts";
import { Alert, Space, Steps, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { failedAt, formatDuration, STEPPER_STATES, stepDurations } from "../service-detail-api";

/**
 * Seed 000 §4.3.7 "状态区": pending → downloading → starting → ready for the headline revision, each
 * step with how long it lasted (or has lasted so far) and what it means; a failed revision marks the
 * step it failed in and shows the runtime's reason, a pending one says what it waits for.
 */
export function ServiceStateStepper({
  revision,
  waitAction,
}: {
  revision: ServiceRevisionDetail;
  /** What the user can do about a pending revision (edit its configuration), when allowed. */
  waitAction?: ReactNode;
}) {
  const { t } = useTranslation();
  const steps = stepDurations(revision);
  const state = revision.current_state;
  const failedStep = state === "failed" ? failedAt(revision) : null;
  const currentIndex =
    state === "failed"
      ? STEPPER_STATES.indexOf(failedStep ?? "pending")
      : (STEPPER_STATES as readonly string[]).indexOf(state);
  return (
    <section aria-label={t("serviceDetail.stepper.title", { number: revision.number })}>
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">
          {t("serviceDetail.stepper.title", { number: revision.number })}
        </Typography.Text>
        <Steps
          size="small"
          current={currentIndex < 0 ? -1 : currentIndex}
          status={state === "failed" ? "error" : state === "ready" ? "finish" : "process"}
          items={steps.map((s) => ({
            key: s.state,
            title: t(`status.service_current_state.${s.state}`),
            content: (
              <span data-step={s.state}>
                {s.seconds === null
                  ? t("serviceDetail.stepper.notYet")
                  : t(s.current ? "serviceDetail.stepper.soFar" : "serviceDetail.stepper.lasted", {
                      duration: formatDuration(s.seconds),
                    })}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`serviceDetail.stepper.explain.${s.state}`)}
                </Typography.Text>
              </span>
            ),
          }))}
        />
        {state === "failed" ? (
          <Alert
            type="error"
            showIcon
            title={t("serviceDetail.stepper.failed", {
              step: failedStep ? t(`status.service_current_state.${failedStep}`) : "—",
            })}
            description={
              <Typography.Text code data-testid="failure-reason">
                {revision.failure_reason ?? t("serviceDetail.stepper.noReason")}
              </Typography.Text>
            }
          />
        ) : null}
        {state === "pending" && revision.wait_reason ? (
          <Alert
            type="warning"
            showIcon
            title={t("serviceDetail.stepper.waiting")}
            description={
              <Space orientation="vertical">
                <span data-testid="wait-reason">{revision.wait_reason}</span>
                <Typography.Text type="secondary">{t("serviceDetail.stepper.waitHint")}</Typography.Text>
                {waitAction}
              </Space>
            }
          />
        ) : null}
        {state === "inactive" ? (
          <Alert type="info" showIcon title={t("serviceDetail.stepper.inactive")} />
        ) : null}
      </Space>
    </section>
  );
}
