import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { useWriteToast } from "../../../lib/audit-link";
import { PageHeader } from "../../../shell/page-header";
import { evalKeys, evalPaths } from "../api";
import { EvaluationWizard } from "../wizard/evaluation-wizard";
import { valuesFromQuery } from "../wizard/wizard-values";

/** §4.3.6 create evaluation: the wizard, prefilled from its link (a version, a gate, a playground compare). */
export function NewEvaluationPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const paths = evalPaths(tenantId, projectId);
  // The link prefills once; the form owns the values afterwards.
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once on arrival
  const initialValues = useMemo(() => valuesFromQuery(params), []);
  return (
    <>
      <PageHeader
        title={t("evaluationPage.wizard.title")}
        description={t("evaluationPage.wizard.description")}
      />
      <EvaluationWizard
        projectId={projectId}
        initialValues={initialValues}
        onCancel={() => navigate(paths.list)}
        onCreated={(run, eventIds) => {
          toast(t("evaluationPage.wizard.created", { id: run.id }), {
            tenantId,
            projectId,
            resourceId: run.id,
            action: "evaluation.create",
            eventIds,
          });
          void queryClient.invalidateQueries({ queryKey: evalKeys.all });
          navigate(paths.run(run.id));
        }}
      />
    </>
  );
}
