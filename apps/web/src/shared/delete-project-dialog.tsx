import type { Project } from "@infera/contracts";
import { Alert, Checkbox } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { DangerConfirmDialog } from "../components/dialogs/danger-confirm-dialog";
import { dependantsOf } from "../lib/api-error";
import { audited } from "../lib/client";
import { DependantsList } from "./dependants-list";

/** DeleteProjectDangerConfirm: type the name; a project still holding resources lists them. */
export function DeleteProjectDialog({
  project,
  onCancel,
  onDeleted,
}: {
  project: Project | null;
  onCancel: () => void;
  onDeleted: (project: Project, auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const [blocked, setBlocked] = useState(false);
  const [cascade, setCascade] = useState(false);
  useEffect(() => {
    if (!project) {
      setBlocked(false);
      setCascade(false);
    }
  }, [project]);
  return (
    <DangerConfirmDialog
      open={Boolean(project)}
      title={t("projects.deleteTitle", { name: project?.name ?? "" })}
      confirmName={project?.name ?? ""}
      onCancel={onCancel}
      onConfirm={async () => {
        if (!project) return;
        let auditEventIds: string[];
        try {
          ({ auditEventIds } = await audited((c) =>
            c.projects.delete(project.id, { confirm_name: project.name, cascade }),
          ));
        } catch (e) {
          if (dependantsOf(e).length > 0) setBlocked(true);
          throw e;
        }
        onDeleted(project, auditEventIds);
      }}
      renderError={(e) => (
        <DependantsList tenantId={project?.tenant_id ?? ""} error={e} onNavigate={onCancel} />
      )}
    >
      <Alert type="warning" showIcon title={t("projects.deleteWarning")} />
      {blocked ? (
        <Checkbox checked={cascade} onChange={(e) => setCascade(e.target.checked)}>
          {t("projects.cascade")}
        </Checkbox>
      ) : null}
    </DangerConfirmDialog>
  );
}
