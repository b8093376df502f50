import type { ServiceDetail } from "@infera/contracts";
import { Alert, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { audited } from "../../../lib/client";

/**
 * Rollback: every request to one earlier revision (100%), with no new revision made. Failed
 * revisions cannot take traffic and are not offered; the one that already has 100% neither.
 */
export function RollbackDialog({
  service,
  open,
  onClose,
  onDone,
}: {
  service: ServiceDetail;
  open: boolean;
  onClose: () => void;
  onDone: (revisionNumber: number, auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const choices = [...service.revisions]
    .sort((a, b) => b.number - a.number)
    .filter((r) => r.current_state !== "failed" && r.traffic_percent !== 100);
  const [revisionId, setRevisionId] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (open) setRevisionId(undefined);
  }, [open]);
  const chosen = service.revisions.find((r) => r.id === revisionId);
  const split = service.revisions
    .filter((r) => r.traffic_percent > 0)
    .map((r) => `${t("serviceDetail.revisionNumber", { number: r.number })} ${r.traffic_percent}%`)
    .join(" / ");
  return (
    <ConfirmDialog
      open={open}
      modalId="Service-rollback"
      title={t("serviceDetail.rollback.title", { name: service.name })}
      confirmText={t("serviceDetail.rollback.ok")}
      onCancel={onClose}
      onConfirm={async () => {
        if (!chosen) throw new Error(t("serviceDetail.rollback.pick"));
        const { auditEventIds } = await audited((c) =>
          c.services.rollback(service.id, { revision_id: chosen.id }),
        );
        onDone(chosen.number, auditEventIds);
      }}
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Typography.Text>{t("serviceDetail.rollback.body")}</Typography.Text>
        <label htmlFor="service-rollback-revision">{t("serviceDetail.rollback.revision")}</label>
        <Select
          id="service-rollback-revision"
          style={{ width: "100%" }}
          value={revisionId}
          onChange={setRevisionId}
          placeholder={t("serviceDetail.rollback.pick")}
          options={choices.map((r) => ({
            value: r.id,
            label: `${t("serviceDetail.revisionNumber", { number: r.number })} · ${r.config_hash.slice(0, 12)} · ${t(`status.service_current_state.${r.current_state}`)}`,
          }))}
        />
        {chosen ? (
          <Alert
            type="info"
            showIcon
            data-testid="rollback-effect"
            title={t("serviceDetail.rollback.effect", {
              before: split || "—",
              after: `${t("serviceDetail.revisionNumber", { number: chosen.number })} 100%`,
            })}
          />
        ) : null}
      </Space>
    </ConfirmDialog>
  );
}
