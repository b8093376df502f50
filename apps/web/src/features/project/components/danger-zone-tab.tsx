import type { Project } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Card, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useWriteToast } from "../../../lib/audit-link";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { DeleteProjectDialog } from "../../../shared/delete-project-dialog";
import { tenantKeys } from "../../../shared/tenancy";

/** §4.3.2 F: delete the project, with its name typed and what it still holds listed. */
export function DangerZoneTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useWriteToast();
  const [open, setOpen] = useState(false);
  return (
    <Card size="small" style={{ borderColor: "#ff4d4f", maxWidth: 720 }} title={t("settings.danger")}>
      <Typography.Paragraph>{t("dangerZone.body")}</Typography.Paragraph>
      <PermissionGuard action="project.delete" projectId={project.id} tenantId={project.tenant_id}>
        <Button danger onClick={() => setOpen(true)}>
          {t("dangerZone.delete")}
        </Button>
      </PermissionGuard>
      <DeleteProjectDialog
        project={open ? project : null}
        onCancel={() => setOpen(false)}
        onDeleted={(p, auditEventIds) => {
          setOpen(false);
          queryClient.removeQueries({ queryKey: tenantKeys.project(p.id) });
          void queryClient.invalidateQueries({ queryKey: tenantKeys.projects(p.tenant_id) });
          navigate(`/t/${encodeURIComponent(p.tenant_id)}/projects`);
          toast(t("projects.deleted", { name: p.name }), {
            tenantId: p.tenant_id,
            resourceId: p.id,
            action: "project.delete",
            eventIds: auditEventIds,
          });
        }}
      />
    </Card>
  );
}
