import type { ServiceDetail } from "@infera/contracts";
import { Alert, Button, InputNumber, Modal, Space, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { busyButton } from "../../../components/dialogs/busy-button";
import { InlineError } from "../../../components/error-state/inline-error";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { audited } from "../../../lib/client";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { normalizePercents } from "./traffic-split";

export interface TrafficWrite {
  before: Record<string, number>;
  after: Record<string, number>;
  auditEventIds: string[];
}

/**
 * "Edit traffic": a weight per revision (a failed revision cannot take any), the sum checked against
 * 100 with a Normalize button that scales the weights as the server would, then a before/after
 * confirmation that sends the split (`PUT …/traffic`).
 */
export function TrafficEditorDialog({
  service,
  open,
  onClose,
  onDone,
}: {
  service: ServiceDetail;
  open: boolean;
  onClose: () => void;
  onDone: (write: TrafficWrite) => void;
}) {
  const { t } = useTranslation();
  const revisions = [...service.revisions].sort((a, b) => b.number - a.number);
  const before = Object.fromEntries(revisions.map((r) => [r.id, r.traffic_percent]));
  // A revision that failed while carrying traffic starts at 0: it cannot keep any, and its input is disabled.
  const start = Object.fromEntries(
    revisions.map((r) => [r.id, r.current_state === "failed" ? 0 : r.traffic_percent]),
  );
  const [weights, setWeights] = useState<Record<string, number>>(start);
  const [normalized, setNormalized] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh edit each time the dialog opens, from the split it shows then
  useEffect(() => {
    if (!open) return;
    setWeights(start);
    setNormalized(false);
    setReviewing(false);
    setError(null);
  }, [open]);

  const sum = revisions.reduce((s, r) => s + (weights[r.id] ?? 0), 0);
  const valid = sum === 100;
  const set = (id: string, value: number | null) => {
    setNormalized(false);
    setWeights((w) => ({ ...w, [id]: Math.max(0, Math.min(100, Math.round(value ?? 0))) }));
  };
  const normalize = () => {
    const open = revisions.filter((r) => r.current_state !== "failed");
    const scaled = normalizePercents(open.map((r) => weights[r.id] ?? 0));
    setWeights((w) => ({ ...w, ...Object.fromEntries(open.map((r, i) => [r.id, scaled[i] ?? 0])) }));
    setNormalized(true);
  };
  const [submit, pending] = useSubmitOnce(async () => {
    setError(null);
    try {
      const traffic = revisions
        .filter((r) => (weights[r.id] ?? 0) > 0)
        .map((r) => ({ revision_id: r.id, percent: weights[r.id] ?? 0 }));
      const { auditEventIds } = await audited((c) =>
        c.services.setTraffic(service.id, { traffic, normalize: normalized }),
      );
      onDone({ before, after: weights, auditEventIds });
    } catch (e) {
      setError(e);
    }
  });

  const label = (n: number) => t("serviceDetail.revisionNumber", { number: n });
  return (
    <Modal
      open={open}
      width={720}
      title={t(reviewing ? "serviceDetail.traffic.confirmTitle" : "serviceDetail.traffic.title", {
        name: service.name,
      })}
      onCancel={onClose}
      destroyOnHidden
      data-modal-id="Service-traffic"
      footer={
        reviewing ? (
          <Space>
            <Button onClick={() => setReviewing(false)} disabled={pending}>
              {t("serviceDetail.traffic.back")}
            </Button>
            <Button type="primary" onClick={() => void submit()} {...busyButton(pending)}>
              {t("serviceDetail.traffic.apply")}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button onClick={normalize} disabled={sum === 0}>
              {t("serviceDetail.traffic.normalize")}
            </Button>
            <Button type="primary" disabled={!valid} onClick={() => setReviewing(true)}>
              {t("serviceDetail.traffic.review")}
            </Button>
          </Space>
        )
      }
    >
      {reviewing ? (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Text>{t("serviceDetail.traffic.confirmBody")}</Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            aria-label={t("serviceDetail.traffic.beforeAfter")}
            dataSource={revisions.filter((r) => (before[r.id] ?? 0) > 0 || (weights[r.id] ?? 0) > 0)}
            columns={[
              { key: "rev", title: t("serviceDetail.col.revision"), render: (_, r) => label(r.number) },
              {
                key: "before",
                title: t("serviceDetail.traffic.before"),
                render: (_, r) => `${before[r.id] ?? 0}%`,
              },
              {
                key: "after",
                title: t("serviceDetail.traffic.after"),
                render: (_, r) => {
                  const a = weights[r.id] ?? 0;
                  return a === (before[r.id] ?? 0) ? (
                    `${a}%`
                  ) : (
                    <Typography.Text strong>{`${a}%`}</Typography.Text>
                  );
                },
              },
            ]}
          />
          {error ? <InlineError error={error} /> : null}
        </Space>
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            aria-label={t("serviceDetail.traffic.weights")}
            dataSource={revisions}
            columns={[
              { key: "rev", title: t("serviceDetail.col.revision"), render: (_, r) => label(r.number) },
              {
                key: "state",
                title: t("serviceDetail.col.state"),
                render: (_, r) => <StatusBadge kind="service_current_state" value={r.current_state} />,
              },
              {
                key: "now",
                title: t("serviceDetail.traffic.before"),
                render: (_, r) => `${r.traffic_percent}%`,
              },
              {
                key: "weight",
                title: t("serviceDetail.traffic.weight"),
                render: (_, r) => (
                  <InputNumber
                    aria-label={t("serviceDetail.traffic.weightOf", { number: r.number })}
                    min={0}
                    max={100}
                    precision={0}
                    suffix="%"
                    value={weights[r.id] ?? 0}
                    disabled={r.current_state === "failed"}
                    title={
                      r.current_state === "failed" ? t("serviceDetail.traffic.failedNoTraffic") : undefined
                    }
                    onChange={(v) => set(r.id, v)}
                  />
                ),
              },
            ]}
          />
          <Typography.Text data-testid="traffic-sum" type={valid ? undefined : "danger"}>
            {t("serviceDetail.traffic.sum", { sum })}
          </Typography.Text>
          {!valid ? (
            <Alert type="warning" showIcon title={t("serviceDetail.traffic.mustBe100", { sum })} />
          ) : null}
          {revisions.some((r) => r.current_state === "failed") ? (
            <Typography.Text type="secondary">{t("serviceDetail.traffic.failedNoTraffic")}</Typography.Text>
          ) : null}
        </Space>
      )}
    </Modal>
  );
}
