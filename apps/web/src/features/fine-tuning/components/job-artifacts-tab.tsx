import { CloudServerOutlined, ExperimentOutlined, TagOutlined } from "@ant-design/icons";
import type { FineTuneJobDetail } from "@infera/contracts";
import { Button, Card, Descriptions, Space, Tooltip } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useHref, useNavigate } from "react-router";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { shortId } from "../../../components/id-badge/short-id";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { jobPaths } from "../api";
import { JobArtifactFiles } from "./job-artifact-files";

/** A button that is a link (opens in a new tab too) and navigates inside the console on a plain click. */
function LinkButton({ to, icon, children }: { to: string; icon: ReactNode; children: ReactNode }) {
  const navigate = useNavigate();
  const href = useHref(to);
  return (
    <Button
      href={href}
      icon={icon}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </Button>
  );
}

/** A control for a feature that is not there yet: disabled, and it says when it comes. */
function NotYet({ reason, icon, children }: { reason: string; icon: ReactNode; children: ReactNode }) {
  return (
    <Tooltip title={reason}>
      <span className="infera-locked" data-locked-reason={reason} style={{ display: "inline-flex" }}>
        <Button disabled icon={icon}>
          {children}
        </Button>
      </span>
    </Tooltip>
  );
}

/**
 * Artifacts: once the job succeeded, the model version it registered (with the ways to tag and deploy
 * and evaluate it) and the files its runtime reported. Before that, only what
 * to expect.
 */
export function JobArtifactsTab({
  job,
  tenantId,
  projectId,
}: {
  job: FineTuneJobDetail;
  tenantId: string;
  projectId: string;
}) {
  const { t } = useTranslation();
  const paths = jobPaths(tenantId, projectId);
  const succeeded = job.status === "succeeded";
  const status = t(`status.fine_tuning_status.${job.status}`);

  if (!succeeded || !job.result_model_version_id)
    return (
      <div data-run-data="artifacts">
        <EmptyState
          title={t("fineTuningPage.runData.artifacts.waiting")}
          description={t("fineTuningPage.runData.artifacts.waitingHint", { status })}
        />
      </div>
    );
  const versionId = job.result_model_version_id;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-run-data="artifacts">
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("fineTuningPage.runData.artifacts.result")}>
            <Link
              to={paths.modelVersion(versionId)}
              aria-label={`${t("fineTuningPage.runData.artifacts.openVersion")} ${shortId(versionId)}`}
            >
              <IDBadge id={versionId} />
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t("fineTuningPage.runData.artifacts.outputModel")}>
            {job.output_model_id ? (
              <Link to={paths.model(job.output_model_id)}>
                {job.output_model_name ?? job.output_model_id}
              </Link>
            ) : (
              (job.output_model_name ?? "—")
            )}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 8 }}>
          {job.output_model_id ? (
            <LinkButton to={paths.modelTags(job.output_model_id)} icon={<TagOutlined />}>
              {t("fineTuningPage.runData.artifacts.tag")}
            </LinkButton>
          ) : (
            <NotYet reason={t("fineTuningPage.runData.artifacts.tagUnavailable")} icon={<TagOutlined />}>
              {t("fineTuningPage.runData.artifacts.tag")}
            </NotYet>
          )}
          <PermissionGuard action="service.create" projectId={projectId}>
            <LinkButton to={paths.deploy(versionId)} icon={<CloudServerOutlined />}>
              {t("fineTuningPage.runData.artifacts.deploy")}
            </LinkButton>
          </PermissionGuard>
          <PermissionGuard action="evaluation.create" projectId={projectId}>
            <LinkButton to={paths.evaluate(versionId)} icon={<ExperimentOutlined />}>
              {t("fineTuningPage.runData.artifacts.evaluate")}
            </LinkButton>
          </PermissionGuard>
        </Space>
      </Card>
      <JobArtifactFiles job={job} />
    </Space>
  );
}
