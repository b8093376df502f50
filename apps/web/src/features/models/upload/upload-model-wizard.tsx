import { InboxOutlined } from "@ant-design/icons";
import { type Model, ModelFilePath, type ModelVersion } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { Wizard } from "../../../components/wizard/wizard";
import { api, audited } from "../../../lib/client";
import { formatBytes } from "../format";
import { type FileEntry, useFileUploads } from "./use-file-uploads";

interface TargetValues {
  mode: "new" | "existing";
  model_id?: string;
  name?: string;
  visibility: "private" | "tenant_shared";
  description?: string;
  license?: string;
  source?: string;
}

interface VersionValues {
  artifact_type: "full" | "adapter" | "merged";
  base_model_version_id?: string;
  license?: string;
  notes?: string;
  tag_latest: boolean;
}

export interface UploadDone {
  model: Model;
  version: ModelVersion;
  /** The audit events of the writes, in order (model create, then version create). */
  auditEventIds: string[];
}

const weightFormat = (path: string) => {
  const ext = path.toLowerCase().split(".").pop() ?? "";
  return ext === "safetensors" || ext === "gguf" || ext === "bin" ? ext : null;
};

/**
 * UploadModelWizard / AddModelVersionWizard (seed 000 §4.3.3, §5.3): target, files (tus, with
 * progress, pause/resume and retry per file), version info, review. The model a failed submit
 * created is kept, so a retry adds the version to it instead of creating a second model.
 */
export function UploadModelWizard({
  projectId,
  model: fixedModel,
  onDone,
  onCancel,
}: {
  projectId: string;
  /** Set when adding a version to this model (the target step only shows it). */
  model?: Model;
  onDone: (done: UploadDone) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [target] = Form.useForm<TargetValues>();
  const [info] = Form.useForm<VersionValues>();
  const uploads = useFileUploads(projectId);
  const [method, setMethod] = useState<"web" | "cli">("web");
  const [filesError, setFilesError] = useState<string | null>(null);
  // A model created by an earlier, failed submit: reused, never created twice.
  const created = useRef<{ model: Model; auditEventIds: string[] } | null>(null);
  const mode = Form.useWatch("mode", target) ?? "new";
  const own = useQuery({
    queryKey: ["models", "list", projectId, "own-for-wizard"],
    queryFn: () => api.models.list(projectId, { scope: "project", limit: 100 }),
    enabled: !fixedModel,
  });
  const ownModels = own.data?.data ?? [];

  const checkFiles = (): boolean => {
    const entries = uploads.entries;
    let problem: string | null = null;
    if (entries.length === 0) problem = t("modelsPage.wizard.filesRequired");
    else if (entries.some((e) => e.status !== "done")) problem = t("modelsPage.wizard.notFinished");
    else {
      const seen = new Set<string>();
      for (const e of entries) {
        const parsed = ModelFilePath.safeParse(e.path);
        if (!parsed.success) {
          problem = `${e.path}: ${parsed.error.issues[0]?.message ?? ""}`;
          break;
        }
        if (seen.has(e.path)) {
          problem = t("modelsPage.wizard.duplicatePath", { path: e.path });
          break;
        }
        seen.add(e.path);
      }
    }
    setFilesError(problem);
    return problem === null;
  };

  const targetValues = (): TargetValues => target.getFieldsValue(true) as TargetValues;
  const targetModelName = () => {
    if (fixedModel) return fixedModel.name;
    const v = targetValues();
    return v.mode === "existing" ? (ownModels.find((m) => m.id === v.model_id)?.name ?? "") : (v.name ?? "");
  };

  const submit = async () => {
    const v = targetValues();
    const versionInfo = info.getFieldsValue(true) as VersionValues;
    const auditEventIds: string[] = [];
    let model = fixedModel ?? created.current?.model ?? null;
    if (!model && v.mode === "existing") model = ownModels.find((m) => m.id === v.model_id) ?? null;
    if (created.current) auditEventIds.push(...created.current.auditEventIds);
    if (!model) {
      const res = await audited((c) =>
        c.models.create(projectId, {
          name: (v.name ?? "").trim(),
          visibility: v.visibility,
          description: v.description ?? "",
          license: v.license ?? "",
          source: v.source ?? "",
        }),
      );
      model = res.result;
      created.current = { model, auditEventIds: res.auditEventIds };
      auditEventIds.push(...res.auditEventIds);
    }
    const modelId = model.id;
    const res = await audited((c) =>
      c.models.versions.create(modelId, {
        artifact_type: versionInfo.artifact_type,
        files: uploads.entries.map((e) => ({ path: e.path, upload_id: e.uploadId ?? "" })),
        ...(versionInfo.base_model_version_id?.trim()
          ? { base_model_version_id: versionInfo.base_model_version_id.trim() }
          : {}),
        license: versionInfo.license ?? "",
        notes: versionInfo.notes ?? "",
        tag_latest: versionInfo.tag_latest,
      }),
    );
    onDone({ model, version: res.result, auditEventIds: [...auditEventIds, ...res.auditEventIds] });
  };

  const targetStep = fixedModel ? (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t("modelsPage.wizard.reviewModel")}>
        <Space wrap>
          {fixedModel.name}
          <IDBadge id={fixedModel.id} />
        </Space>
      </Descriptions.Item>
    </Descriptions>
  ) : (
    <Form form={target} layout="vertical" initialValues={{ mode: "new", visibility: "private" }}>
      <Form.Item name="mode" label={t("modelsPage.wizard.target")}>
        <Radio.Group
          optionType="button"
          options={[
            { value: "new", label: t("modelsPage.wizard.newModel") },
            {
              value: "existing",
              label: t("modelsPage.wizard.existingModel"),
              disabled: ownModels.length === 0,
            },
          ]}
        />
      </Form.Item>
      {mode === "existing" ? (
        <Form.Item
          name="model_id"
          label={t("modelsPage.wizard.pickModel")}
          rules={[{ required: true, message: t("modelsPage.wizard.pickModelRequired") }]}
        >
          <Select
            showSearch={{ optionFilterProp: "label" }}
            loading={own.isPending}
            options={ownModels.map((m) => ({ value: m.id, label: m.name }))}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name="name"
            label={t("modelsPage.wizard.name")}
            rules={[
              { required: true, whitespace: true, max: 128, message: t("modelsPage.wizard.nameRequired") },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="visibility" label={t("modelsPage.wizard.visibility")}>
            <Radio.Group
              options={[
                { value: "private", label: t("status.model_visibility.private") },
                { value: "tenant_shared", label: t("status.model_visibility.tenant_shared") },
              ]}
            />
          </Form.Item>
          <Form.Item name="description" label={t("modelsPage.wizard.description")} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Space wrap style={{ width: "100%" }}>
            <Form.Item name="license" label={t("modelsPage.wizard.license")} rules={[{ max: 100 }]}>
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item
              name="source"
              label={t("modelsPage.wizard.source")}
              tooltip={t("modelsPage.wizard.sourceHint")}
              rules={[{ max: 500 }]}
            >
              <Input style={{ width: 320 }} />
            </Form.Item>
          </Space>
        </>
      )}
    </Form>
  );

  const filesStep = (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Radio.Group
        aria-label={t("modelsPage.wizard.method")}
        optionType="button"
        value={method}
        onChange={(e) => setMethod(e.target.value)}
        options={[
          { value: "web", label: t("modelsPage.wizard.web") },
          { value: "cli", label: t("modelsPage.wizard.cli") },
        ]}
      />
      {method === "cli" ? (
        <Alert
          type="info"
          title={t("modelsPage.wizard.cliHint")}
          description={
            <Typography.Paragraph copyable code style={{ marginBottom: 0 }}>
              {`infera models upload ${fixedModel?.id ?? "<model>"} --project ${projectId} ./model-dir`}
            </Typography.Paragraph>
          }
        />
      ) : (
        <>
          <Upload.Dragger
            multiple
            showUploadList={false}
            beforeUpload={(_file, list) => {
              // Called once per file with the whole batch: take the batch on its first file.
              if (list[0] === _file) uploads.add(list as unknown as File[]);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t("modelsPage.wizard.drop")}</p>
            <p className="ant-upload-hint">{t("modelsPage.wizard.dropHint")}</p>
          </Upload.Dragger>
          {uploads.entries.length > 0 ? <FileTable uploads={uploads} /> : null}
        </>
      )}
      {filesError ? <Alert type="error" showIcon title={filesError} /> : null}
    </Space>
  );

  const versionStep = (
    <Form
      form={info}
      layout="vertical"
      initialValues={{ artifact_type: "full", tag_latest: true, license: fixedModel?.license ?? "" }}
    >
      <Form.Item name="artifact_type" label={t("modelsPage.wizard.artifactType")}>
        <Radio.Group
          options={(["full", "adapter", "merged"] as const).map((a) => ({
            value: a,
            label: t(`status.model_artifact_type.${a}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="base_model_version_id"
        label={t("modelsPage.wizard.base")}
        tooltip={t("modelsPage.wizard.baseHint")}
        rules={[{ pattern: /^mv_[A-Za-z0-9_-]+$/, message: t("modelsPage.wizard.baseHint") }]}
      >
        <Input autoComplete="off" placeholder="mv_…" />
      </Form.Item>
      <Form.Item name="license" label={t("modelsPage.wizard.license")} rules={[{ max: 100 }]}>
        <Input style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="notes" label={t("modelsPage.wizard.notes")} rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="tag_latest" valuePropName="checked">
        <Checkbox>{t("modelsPage.wizard.tagLatest")}</Checkbox>
      </Form.Item>
      <Typography.Text type="secondary">{t("modelsPage.wizard.shaHint")}</Typography.Text>
    </Form>
  );

  const formats = [...new Set(uploads.entries.map((e) => weightFormat(e.path)).filter(Boolean))];
  const review = (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("modelsPage.wizard.reviewModel")}>
          {fixedModel || targetValues().mode === "existing"
            ? targetModelName()
            : t("modelsPage.wizard.reviewNew", { name: targetModelName() })}
        </Descriptions.Item>
        <Descriptions.Item label={t("modelsPage.wizard.reviewFormat")}>
          {formats.join(", ") || "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("modelsPage.wizard.artifactType")}>
          {t(
            `status.model_artifact_type.${(info.getFieldValue("artifact_type") as VersionValues["artifact_type"]) ?? "full"}`,
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("modelsPage.version.id")}>
          {t("modelsPage.wizard.reviewVersionId")}
        </Descriptions.Item>
      </Descriptions>
      <Table<FileEntry>
        size="small"
        aria-label={t("modelsPage.wizard.reviewFiles")}
        rowKey="key"
        pagination={false}
        dataSource={uploads.entries}
        columns={[
          { key: "path", title: t("modelsPage.version.path"), render: (_, e) => e.path },
          { key: "size", title: t("modelsPage.version.size"), render: (_, e) => formatBytes(e.file.size) },
          {
            key: "sha256",
            title: t("modelsPage.version.sha256"),
            render: (_, e) => (e.sha256 ? <IDBadge id={e.sha256} label="sha256" /> : "—"),
          },
        ]}
      />
    </Space>
  );

  return (
    <Wizard
      onCancel={onCancel}
      submitText={t("modelsPage.wizard.submit")}
      onSubmit={submit}
      review={review}
      steps={[
        {
          key: "target",
          title: t("modelsPage.wizard.stepTarget"),
          content: targetStep,
          validate: async () => {
            if (fixedModel) return true;
            await target.validateFields();
            return true;
          },
        },
        { key: "files", title: t("modelsPage.wizard.stepFiles"), content: filesStep, validate: checkFiles },
        {
          key: "version",
          title: t("modelsPage.wizard.stepVersion"),
          content: versionStep,
          validate: async () => {
            await info.validateFields();
            return true;
          },
        },
      ]}
    />
  );
}

function FileTable({ uploads }: { uploads: ReturnType<typeof useFileUploads> }) {
  const { t } = useTranslation();
  return (
    <Table<FileEntry>
      size="small"
      aria-label={t("modelsPage.wizard.stepFiles")}
      rowKey="key"
      pagination={false}
      dataSource={uploads.entries}
      columns={[
        {
          key: "path",
          title: t("modelsPage.wizard.filePath"),
          render: (_, e) => (
            <Input
              size="small"
              aria-label={`${t("modelsPage.wizard.filePath")}: ${e.file.name}`}
              value={e.path}
              onChange={(ev) => uploads.setPath(e.key, ev.target.value)}
              style={{ minWidth: 200 }}
            />
          ),
        },
        { key: "size", title: t("modelsPage.version.size"), render: (_, e) => formatBytes(e.file.size) },
        {
          key: "progress",
          title: t("modelsPage.wizard.status.uploading"),
          render: (_, e) => (
            <Space orientation="vertical" size={0} style={{ minWidth: 160 }}>
              <Progress
                aria-label={t("modelsPage.wizard.progressOf", { name: e.file.name })}
                percent={e.total > 0 ? Math.floor((e.sent / e.total) * 100) : e.status === "done" ? 100 : 0}
                size="small"
                status={e.status === "failed" ? "exception" : e.status === "done" ? "success" : "active"}
              />
              <Typography.Text
                type={e.status === "failed" ? "danger" : "secondary"}
                data-file-status={e.status}
              >
                {t(`modelsPage.wizard.status.${e.status}`)}
                {e.error ? `: ${e.error}` : ""}
              </Typography.Text>
            </Space>
          ),
        },
        {
          key: "actions",
          title: t("common.actions"),
          render: (_, e) => (
            <Space size={0} wrap>
              {e.status === "uploading" ? (
                <Button
                  size="small"
                  type="link"
                  aria-label={t("modelsPage.wizard.pauseOf", { name: e.file.name })}
                  onClick={() => uploads.pause(e.key)}
                >
                  {t("modelsPage.wizard.pause")}
                </Button>
              ) : null}
              {e.status === "paused" ? (
                <Button
                  size="small"
                  type="link"
                  aria-label={t("modelsPage.wizard.resumeOf", { name: e.file.name })}
                  onClick={() => uploads.resume(e.key)}
                >
                  {t("modelsPage.wizard.resume")}
                </Button>
              ) : null}
              {e.status === "failed" ? (
                <Button
                  size="small"
                  type="link"
                  aria-label={t("modelsPage.wizard.retryOf", { name: e.file.name })}
                  onClick={() => uploads.retry(e.key)}
                >
                  {t("modelsPage.wizard.retry")}
                </Button>
              ) : null}
              <Button
                size="small"
                type="link"
                danger
                aria-label={t("modelsPage.wizard.removeOf", { name: e.file.name })}
                onClick={() => uploads.remove(e.key)}
              >
                {t("modelsPage.wizard.remove")}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
