import type { Notification } from "@infera/contracts";
import type { TFunction } from "i18next";

/**
 * The sentence of a notification in the reader's language: the server sends a kind and its values,
 * never text, so each kind has its sentence in both locales (`notifications.kinds.*`).
 */
export function notificationText(n: Notification, t: TFunction): string {
  switch (n.kind) {
    case "project.member.added":
      return t("notifications.kinds.memberAdded", {
        who: n.params.added_by,
        project: n.params.project_name,
        role: t(`roles.project.${n.params.role}`),
      });
    case "fine_tuning.job.started":
      return t("notifications.kinds.jobStarted", { job: n.params.job_name, project: n.params.project_name });
    case "fine_tuning.job.succeeded":
      return t("notifications.kinds.jobSucceeded", {
        job: n.params.job_name,
        project: n.params.project_name,
      });
    case "fine_tuning.job.failed":
      return n.params.reason
        ? t("notifications.kinds.jobFailedBecause", {
            job: n.params.job_name,
            project: n.params.project_name,
            reason: n.params.reason,
          })
        : t("notifications.kinds.jobFailed", { job: n.params.job_name, project: n.params.project_name });
    case "fine_tuning.job.canceled":
      return t("notifications.kinds.jobCanceled", { job: n.params.job_name, project: n.params.project_name });
  }
}

/** Where a notification leads in the console, or null when it names nothing the console shows. */
export function notificationLink(n: Notification): string | null {
  const { type, id, tenant_id: tenantId, project_id: projectId } = n.resource;
  if (!tenantId || !projectId) return null;
  const project = `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}`;
  if (type === "project") return `${project}/dashboard`;
  if (type === "fine_tuning_job") return `${project}/fine-tuning/${encodeURIComponent(id)}`;
  return null;
}
