import type { FineTuneJob, FineTuneJobDetail } from "@infera/contracts";
import { Card, Descriptions, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { shortId } from "../../../components/id-badge/short-id";
import { TrainingMetricsTable } from "../../../components/training-metrics/training-metrics";
import { usePreferences } from "../../../lib/preferences";
import { formatDuration, jobPaths, runDuration } from "../api";
import { FailurePanel } from "./failure-panel";
import { JobProgress } from "./job-progress";
import { JobTimeline } from "./job-timeline";

/** A value of the configuration as text: lists joined, objects as JSON, absent as a dash. */
function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Overview: what the job trains on and into, its configuration, its timeline and any failure. */
export function JobOverviewTab({
  job,
  tenantId,
  projectId,
  onFix,
}: {
  job: FineTuneJobDetail;
  tenantId: string;
  projectId: string;
  /** "Fix and clone" of a failed job whose failure has a fix. */
  onFix?: (job: FineTuneJob) => void;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const paths = jobPaths(tenantId, projectId);
  const c = job.config;
  const duration = runDuration(job);
  const rows: [string, unknown][] = [
    ["stage", c.stage],
    ["method", c.method],
    ...(c.method === "lora"
      ? ([
          ["lora.rank", c.lora.rank],
          ["lora.alpha", c.lora.alpha],
          ["lora.dropout", c.lora.dropout],
          ["lora.target_modules", c.lora.target_modules],
        ] as [string, unknown][])
      : []),
    ["epochs", c.epochs],
    ["batch_size", c.batch_size],
    ["learning_rate", c.learning_rate],
    ["gradient_accumulation_steps", c.gradient_accumulation_steps],
    ["warmup_ratio", c.warmup_ratio],
    ["warmup_steps", c.warmup_steps],
    ["weight_decay", c.weight_decay],
    ["max_length", c.max_length],
    ["seed", c.seed],
    ["precision", c.precision],
    ["validation_split", c.validation_split],
    ["validation_dataset_version_id", c.validation_dataset_version_id],
    ["chat_template", c.chat_template],
    ["runtime", c.runtime],
    ["resource_class", c.resource_class],
    ["gpu_count", c.gpu_count],
    ["ddp", c.ddp],
    ["checkpoint_interval_minutes", c.checkpoint_interval_minutes],
    ["budget", c.budget],
    ["priority", c.priority],
  ];
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      {job.failure ? (
        <FailurePanel
          job={{ ...job, failure: job.failure }}
          tenantId={tenantId}
          projectId={projectId}
          onFix={onFix}
        />
      ) : null}
      {job.progress && (job.status === "running" || job.status === "canceling") ? (
        <Card size="small" title={t("fineTuningPage.overview.progress")}>
          <JobProgress progress={job.progress} />
        </Card>
      ) : null}
      {job.final_metrics ? (
        <Card size="small" title={t("fineTuningPage.overview.results")}>
          <TrainingMetricsTable metrics={job.final_metrics} />
        </Card>
      ) : null}
      <Card size="small" title={t("fineTuningPage.overview.lineage")}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("fineTuningPage.overview.baseModel")}>
            <Space size={4} wrap>
              <Link to={paths.model(job.base_model_id)}>
                <IDBadge id={job.base_model_id} />
              </Link>
              <Link
                to={paths.modelVersion(job.base_model_version_id)}
                // The short id shown is part of the name (axe: label-content-name-mismatch).
                aria-label={`${t("fineTuningPage.overview.openBaseVersion")} ${shortId(job.base_model_version_id)}`}
              >
                <IDBadge id={job.base_model_version_id} />
              </Link>
              {c.base_model.tag ? (
                <Typography.Text type="secondary">({c.base_model.tag})</Typography.Text>
              ) : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("fineTuningPage.overview.dataset")}>
            <Link
              to={paths.datasetVersion(job.dataset_id, job.dataset_version_id)}
              aria-label={`${t("fineTuningPage.overview.openDatasetVersion")} ${shortId(job.dataset_version_id)}`}
            >
              <IDBadge id={job.dataset_version_id} />
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t("fineTuningPage.overview.output")}>
            <Space size={4} wrap>
              {job.output_model_id ? (
                <Link to={paths.model(job.output_model_id)}>
                  {job.output_model_name ?? job.output_model_id}
                </Link>
              ) : (
                <Typography.Text>
                  {job.output_model_name ?? "—"}{" "}
                  <Typography.Text type="secondary">
                    {t("fineTuningPage.overview.outputPending")}
                  </Typography.Text>
                </Typography.Text>
              )}
              <Typography.Text type="secondary">
                {t(`status.model_artifact_type.${job.artifact_type}`)}
              </Typography.Text>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("fineTuningPage.overview.result")}>
            {job.result_model_version_id ? (
              <Link to={paths.modelVersion(job.result_model_version_id)}>
                <IDBadge id={job.result_model_version_id} />
              </Link>
            ) : (
              t("fineTuningPage.overview.noResult")
            )}
          </Descriptions.Item>
          {job.template_id ? (
            <Descriptions.Item label={t("fineTuningPage.overview.template")}>
              <IDBadge id={job.template_id} />
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t("fineTuningPage.overview.attempt")}>{job.attempt}</Descriptions.Item>
          <Descriptions.Item label={t("common.createdAt")}>{formatDate(job.created_at)}</Descriptions.Item>
          <Descriptions.Item label={t("fineTuningPage.overview.started")}>
            {job.started_at ? formatDate(job.started_at) : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("fineTuningPage.overview.finished")}>
            {job.finished_at ? formatDate(job.finished_at) : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("fineTuningPage.col.duration")}>
            {duration === null ? "—" : formatDuration(duration)}
          </Descriptions.Item>
          {job.queue_position !== null ? (
            <Descriptions.Item label={t("fineTuningPage.col.queuePosition")}>
              #{job.queue_position}
            </Descriptions.Item>
          ) : null}
          {job.status === "queued" && job.wait_reason ? (
            <Descriptions.Item label={t("fineTuningPage.waitReason.label")}>
              {t(`fineTuningPage.waitReason.${job.wait_reason}`)}
            </Descriptions.Item>
          ) : null}
          {job.eta_seconds !== null ? (
            <Descriptions.Item label={t("fineTuningPage.col.eta")}>
              {formatDuration(job.eta_seconds)}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card size="small" title={t("fineTuningPage.overview.timeline")}>
        <JobTimeline job={job} />
      </Card>
      <Card size="small" title={t("fineTuningPage.overview.config")}>
        <table aria-label={t("fineTuningPage.overview.config")} className="infera-kv-table">
          <tbody>
            {rows.map(([key, value]) => (
              <tr key={key}>
                <th scope="row" style={{ textAlign: "left", paddingRight: 16, fontWeight: 500 }}>
                  <Typography.Text code>{key}</Typography.Text>
                </th>
                <td>{show(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </Space>
  );
}
