import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { useWriteToast } from "../../../lib/audit-link";
import { api } from "../../../lib/client";
import { usePermissions } from "../../../permissions/use-permissions";
import { useProject } from "../../../shared/tenancy";
import { PageHeader } from "../../../shell/page-header";
import { serviceKeys, servicePaths } from "../api";
import { ServiceWizard } from "../wizard/service-wizard";
import { defaultValues } from "../wizard/wizard-values";

/**
 * The create wizard as a page: empty, or `?model_version_id=<id>` with that version picked (the
 * Deploy button of a fine-tuning job's artifacts). A created service opens its detail page.
 */
export function NewServicePage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const paths = servicePaths(tenantId, projectId);
  const versionId = params.get("model_version_id");
  const project = useProject(projectId);
  // The env policy decides whether scale to zero is offered; the server enforces it either way.
  const policies = useQuery({
    queryKey: serviceKeys.policies(projectId),
    queryFn: () => api.policies.get(projectId),
    retry: false,
  });
  // The server refuses a create without the permission; say so before the user fills six steps.
  const permissions = usePermissions(projectId);
  const canCreate = permissions.can("service.create");

  return (
    <>
      <PageHeader
        title={versionId ? t("serviceWizard.deployTitle") : t("serviceWizard.title")}
        description={t("serviceWizard.description")}
      />
      {!permissions.isLoading && !canCreate.allowed ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={canCreate.reason ?? t("permissions.notAllowed")}
        />
      ) : null}
      <ServiceWizard
        key={versionId ?? "new"}
        projectId={projectId}
        projectEnv={project.data?.env ?? policies.data?.env}
        policies={policies.data}
        initialValues={defaultValues(versionId)}
        onCancel={() => navigate(paths.list)}
        onCreated={(service, eventIds) => {
          toast(t("serviceWizard.created", { name: service.name }), {
            tenantId,
            projectId,
            resourceId: service.id,
            action: "service.create",
            eventIds,
          });
          void queryClient.invalidateQueries({ queryKey: serviceKeys.all });
          navigate(paths.service(service.id));
        }}
      />
    </>
  );
}
