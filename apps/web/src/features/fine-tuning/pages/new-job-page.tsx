import { ImportOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { useWriteToast } from "../../../lib/audit-link";
import { api } from "../../../lib/client";
import { usePermissions } from "../../../permissions/use-permissions";
import { PageHeader } from "../../../shell/page-header";
import { PageSkeleton } from "../../../shell/page-skeleton";
import { applyFix, failureFix, jobKeys, jobLabel, jobPaths, templateJobConfig } from "../api";
import { ImportConfigDialog } from "../wizard/import-config-dialog";
import { JobWizard } from "../wizard/job-wizard";
import { TemplatePicker } from "../wizard/template-picker";
import { defaultValues, fromConfig, type WizardValues } from "../wizard/wizard-values";

/**
 * The create wizard as a page: empty (the contract's defaults), or `?clone=<jobId>` prefilled with
 * that job's exported configuration (with `&fix=1`, its failure's fix applied: "Edit in wizard" of
 * fix and clone), or `?template=<id>` prefilled with a template (the "From template" picker at the
 * start sets it). "Import config JSON" refills it from a pasted or uploaded file. The job is sent as
 * the wizard shows it, without `template_id`: a setting cleared in the wizard must stay cleared, and
 * a merge with the template would bring it back.
 */
export function NewJobPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const paths = jobPaths(tenantId, projectId);
  const cloneOf = params.get("clone");
  const withFix = params.get("fix") === "1";
  const templateId = cloneOf ? null : params.get("template");
  const source = useQuery({
    queryKey: jobKeys.config(cloneOf ?? ""),
    queryFn: async () => {
      const id = cloneOf ?? "";
      const [job, config] = await Promise.all([api.fineTuning.jobs.get(id), api.fineTuning.jobs.config(id)]);
      return { job, config };
    },
    enabled: Boolean(cloneOf),
  });
  const template = useQuery({
    queryKey: jobKeys.template(templateId ?? ""),
    queryFn: () => api.fineTuning.templates.get(templateId ?? ""),
    enabled: Boolean(templateId),
  });
  const [imported, setImported] = useState<{ values: WizardValues; n: number } | null>(null);
  const [importing, setImporting] = useState(false);
  // The server refuses a create without the permission; say so before the user fills five steps.
  const permissions = usePermissions(projectId);
  const canCreate = permissions.can("fine_tuning.job.create");

  if (cloneOf && source.isPending) return <PageSkeleton />;
  if (cloneOf && source.isError)
    return <ErrorState error={source.error} onRetry={() => void source.refetch()} />;
  if (templateId && template.isPending) return <PageSkeleton />;
  if (templateId && template.isError)
    return <ErrorState error={template.error} onRetry={() => void template.refetch()} />;

  let initial = defaultValues();
  if (source.data) {
    const { job, config } = source.data;
    const fix = withFix ? failureFix(job) : null;
    initial = {
      ...fromConfig(fix ? applyFix(config, fix.patch) : config),
      model_id: job.base_model_id,
      dataset_id: job.dataset_id,
    };
    initial.name = job.name ? `${job.name}-clone` : undefined;
  }
  if (template.data) initial = fromConfig(templateJobConfig(template.data));
  if (imported) initial = imported.values;

  return (
    <>
      <PageHeader
        title={
          source.data
            ? t(
                withFix && failureFix(source.data.job)
                  ? "fineTuningPage.wizard.fixTitle"
                  : "fineTuningPage.wizard.cloneTitle",
                { name: jobLabel(source.data.job) },
              )
            : template.data
              ? t("fineTuningPage.templates.fromTitle", { name: template.data.name })
              : t("fineTuningPage.wizard.title")
        }
        description={t("fineTuningPage.wizard.description")}
        secondary={
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            {t("fineTuningPage.import.button")}
          </Button>
        }
      />
      {!permissions.isLoading && !canCreate.allowed ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={canCreate.reason ?? t("permissions.notAllowed")}
        />
      ) : null}
      {cloneOf ? null : (
        <TemplatePicker
          projectId={projectId}
          value={templateId ?? undefined}
          onPick={(id) => {
            setImported(null);
            setParams({ template: id }, { replace: true });
          }}
        />
      )}
      <JobWizard
        // A new key re-creates the form with the imported values.
        key={
          imported
            ? `import-${imported.n}`
            : `${cloneOf ?? (templateId ? `template-${templateId}` : "new")}${withFix ? "-fix" : ""}`
        }
        projectId={projectId}
        initialValues={initial}
        fromConfig={Boolean(imported || cloneOf || templateId)}
        onCancel={() => navigate(cloneOf ? paths.job(cloneOf) : paths.list)}
        onCreated={(job, eventIds) => {
          toast(t("fineTuningPage.done.created", { name: jobLabel(job) }), {
            tenantId,
            projectId,
            resourceId: job.id,
            action: "fine_tuning.job.create",
            eventIds,
          });
          void queryClient.invalidateQueries({ queryKey: jobKeys.all });
          navigate(paths.job(job.id));
        }}
      />
      <ImportConfigDialog
        open={importing}
        onCancel={() => setImporting(false)}
        onImport={(config) => {
          setImporting(false);
          setImported((prev) => ({ values: fromConfig(config), n: (prev?.n ?? 0) + 1 }));
        }}
      />
    </>
  );
}
