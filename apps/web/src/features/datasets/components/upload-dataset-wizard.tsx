import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Result,
  Select,
  Space,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { errorMessage } from "../../../components/error-state/error-message";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { Wizard } from "../../../components/wizard/wizard";
import { isApiError } from "../../../lib/api-error";
import { useWriteToast } from "../../../lib/audit-link";
import { api } from "../../../lib/client";
import { createDataset, createVersion, deleteDataset, validateFiles } from "../api";
import { type MappingRow, mappingText, toMapping, toRows } from "../shape-fields";
import type { Dataset, DatasetShape, DatasetValidation, DatasetVersion } from "../types";
import { FileUploads } from "./file-uploads";
import { FormatPanel } from "./format-panel";
import { ReportStep } from "./report-step";
import { useTusUploads } from "./use-tus-uploads";

interface Props {
  tenantId: string;
  projectId: string;
  /** Adding a version to this dataset: step 1 starts on it. */
  dataset?: Pick<Dataset, "id" | "name"> | null;
  onClose: () => void;
  /** After a version was created (the wizard stays open on its id until closed). */
  onCreated?: (version: DatasetVersion) => void;
}

/**
 * UploadDatasetVersionWizard (§4.3.4): dataset, files through tus (JSONL, JSON arrays, CSV, Parquet,
 * gzipped or not), validation with how the files were read (shape, containers, the first mapped
 * records, the column mapping to change), the bad lines and the report, then review and create.
 * An invalid file makes no version unless the user keeps only the valid rows, which the version
 * records.
 */
export default function UploadDatasetWizard({ tenantId, projectId, dataset, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useWriteToast();
  const [form] = Form.useForm<{
    mode: "new" | "existing";
    name?: string;
    description?: string;
    id?: string;
  }>();
  const mode = Form.useWatch("mode", form);
  const [target, setTarget] = useState<Pick<Dataset, "id" | "name"> | null>(dataset ?? null);
  const uploads = useTusUploads(projectId);
  const [maxLength, setMaxLength] = useState<number | null>(null);
  const [filesError, setFilesError] = useState<string | null>(null);
  const [validating, setValidating] = useState(false);
  const [report, setReport] = useState<DatasetValidation | null>(null);
  const [keepValid, setKeepValid] = useState(false);
  const [reportError, setReportError] = useState<string | null>(null);
  const [created, setCreated] = useState<DatasetVersion | null>(null);
  // How the files are read: the shape asked for (null: the dataset's saved one, else detected) and
  // the mapping lines. The mapping is sent only once the user touched it, so that otherwise the
  // dataset's saved mapping applies; `applied` is what the shown report was made with.
  const [shape, setShape] = useState<DatasetShape | null>(null);
  const [mappingRows, setMappingRows] = useState<MappingRow[]>([]);
  const [mappingTouched, setMappingTouched] = useState(false);
  const [applied, setApplied] = useState<string | null>(null);
  const [revalidating, setRevalidating] = useState(false);
  const [formatError, setFormatError] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  // A dataset this wizard made in step 1 (validation runs against a dataset): removed again when
  // the wizard is left without a version, so cancelling leaves nothing behind.
  const [madeHere, setMadeHere] = useState<Pick<Dataset, "id" | "name"> | null>(null);
  const { message } = App.useApp();
  const close = () => {
    if (madeHere && !created)
      void deleteDataset(madeHere.id).then(
        () => message.info(t("datasetsPage.wizard.discarded", { name: madeHere.name })),
        () => {}, // it stays, empty, and can be deleted from the list
      );
    onClose();
  };

  const existing = useQuery({
    queryKey: ["datasets", projectId, "pick", search],
    queryFn: () => api.datasets.list(projectId, { q: search || undefined, limit: 50 }),
    enabled: mode === "existing",
  });

  const files = () => uploads.items.map((f) => ({ upload_id: f.uploadId ?? "" }));
  const reading = () => ({
    ...(shape ? { shape } : {}),
    ...(mappingTouched ? { mapping: toMapping(mappingRows) } : {}),
  });
  const readingKey = () => {
    const r = reading();
    return JSON.stringify([r.shape ?? null, r.mapping ? Object.entries(r.mapping).sort() : null]);
  };
  const dirty = report !== null && applied !== readingKey();
  const input = () => ({ files: files(), ...(maxLength ? { max_length: maxLength } : {}), ...reading() });
  /** A dry run's answer: shown, and the mapping lines follow it until the user edits them. */
  const showReport = (r: DatasetValidation, key: string) => {
    setReport(r);
    setApplied(key);
    if (!mappingTouched) setMappingRows(toRows(r.mapping));
  };
  const versionPage = (v: DatasetVersion) =>
    `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(
      v.dataset_id,
    )}?version=${encodeURIComponent(v.id)}`;

  const chooseDataset = async () => {
    const v = await form.validateFields();
    if (v.mode === "existing") {
      const picked = existing.data?.data.find((d) => d.id === v.id);
      if (picked) setTarget({ id: picked.id, name: picked.name });
      return Boolean(picked) || target?.id === v.id;
    }
    const name = (v.name ?? "").trim();
    // Going back after the dataset was made keeps it: the name cannot create a second one.
    if (target && target.name === name) return true;
    try {
      const d = await createDataset(projectId, { name, description: (v.description ?? "").trim() });
      setTarget({ id: d.id, name: d.name });
      setMadeHere({ id: d.id, name: d.name });
      form.setFieldsValue({ mode: "existing", id: d.id });
      toast(t("datasetsPage.created", { name: d.name }), {
        tenantId,
        projectId,
        resourceId: d.id,
        action: "dataset.create",
      });
      return true;
    } catch (e) {
      // An empty dataset of that name (a wizard left before its version) is continued, not refused.
      const empty = isApiError(e) && e.code === "conflict" ? await emptyDatasetNamed(name) : undefined;
      if (empty) {
        setTarget({ id: empty.id, name: empty.name });
        form.setFieldsValue({ mode: "existing", id: empty.id });
        message.info(t("datasetsPage.wizard.reusedEmpty", { name: empty.name }));
        return true;
      }
      form.setFields([{ name: "name", errors: [errorMessage(e, t)] }]);
      return false;
    }
  };

  const emptyDatasetNamed = async (name: string): Promise<Dataset | undefined> => {
    const found = await api.datasets.list(projectId, { q: name, limit: 50 }).catch(() => null);
    const same = found?.data.find((d) => d.name.toLowerCase() === name.toLowerCase());
    return same && same.version_count === 0 ? same : undefined;
  };

  const checkFiles = async () => {
    setFilesError(null);
    if (!target) return false;
    if (uploads.items.length === 0) {
      setFilesError(t("datasetsPage.upload.noFiles"));
      return false;
    }
    if (uploads.items.some((f) => f.status !== "done" || !f.uploadId)) {
      setFilesError(t("datasetsPage.upload.notFinished"));
      return false;
    }
    setValidating(true);
    try {
      const key = readingKey();
      showReport(await validateFiles(target.id, input()), key);
      setKeepValid(false);
      setReportError(null);
      setFormatError(null);
      return true;
    } catch (e) {
      setFilesError(errorMessage(e, t));
      return false;
    } finally {
      setValidating(false);
    }
  };

  const revalidate = async () => {
    if (!target) return;
    setRevalidating(true);
    setFormatError(null);
    try {
      const key = readingKey();
      showReport(await validateFiles(target.id, input()), key);
      setKeepValid(false);
      setReportError(null);
    } catch (e) {
      // E.g. a mapping naming a column the table lacks: the server names it.
      setFormatError(errorMessage(e, t));
    } finally {
      setRevalidating(false);
    }
  };

  const checkReport = () => {
    if (!report) return false;
    if (dirty) {
      setReportError(t("datasetsPage.formats.changed"));
      return false;
    }
    if (report.rows.valid === 0) {
      setReportError(t("datasetsPage.report.nothingValid"));
      return false;
    }
    if (!report.valid && !keepValid) {
      setReportError(t("datasetsPage.report.chooseFix"));
      return false;
    }
    setReportError(null);
    return true;
  };

  const submit = async () => {
    if (!target) return;
    try {
      const v = await createVersion(target.id, { ...input(), keep_valid_only: !report?.valid && keepValid });
      setCreated(v);
      onCreated?.(v);
      toast(t("datasetsPage.versionCreated", { number: v.number, name: target.name }), {
        tenantId,
        projectId,
        resourceId: v.id,
        action: "dataset.version.create",
      });
    } catch (e) {
      // A 422 carries the validation of the files as they are now: show it on the report step.
      const details =
        isApiError(e) && e.code === "unprocessable_content"
          ? (e.details as DatasetValidation | undefined)
          : undefined;
      if (details?.rows && details.errors) setReport(details);
      throw e;
    }
  };

  const steps = [
    {
      key: "dataset",
      title: t("datasetsPage.wizard.stepDataset"),
      validate: chooseDataset,
      content: (
        <Form
          form={form}
          layout="vertical"
          initialValues={dataset ? { mode: "existing", id: dataset.id } : { mode: "new" }}
          requiredMark
        >
          <Form.Item name="mode" label={t("datasetsPage.wizard.datasetMode")}>
            <Radio.Group
              options={[
                { value: "new", label: t("datasetsPage.wizard.newDataset") },
                { value: "existing", label: t("datasetsPage.wizard.existingDataset") },
              ]}
            />
          </Form.Item>
          {mode === "existing" ? (
            <Form.Item
              name="id"
              label={t("datasetsPage.wizard.pickDataset")}
              rules={[{ required: true, message: t("datasetsPage.wizard.pickRequired") }]}
            >
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch }}
                loading={existing.isFetching}
                aria-label={t("datasetsPage.wizard.pickDataset")}
                options={[
                  ...(target && !existing.data?.data.some((d) => d.id === target.id)
                    ? [{ value: target.id, label: target.name }]
                    : []),
                  ...(existing.data?.data ?? []).map((d) => ({ value: d.id, label: d.name })),
                ]}
              />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="name"
                label={t("datasetsPage.name")}
                rules={[
                  { required: true, whitespace: true, message: t("datasetsPage.wizard.nameRequired") },
                  { max: 128 },
                ]}
              >
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="description" label={t("common.description")} rules={[{ max: 2000 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
        </Form>
      ),
    },
    {
      key: "files",
      title: t("datasetsPage.wizard.stepFiles"),
      validate: checkFiles,
      content: (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <FileUploads uploads={uploads} />
          <Space wrap>
            <label htmlFor="dataset-max-length">{t("datasetsPage.wizard.maxLength")}</label>
            <InputNumber
              id="dataset-max-length"
              min={1}
              max={10_000_000}
              precision={0}
              value={maxLength}
              onChange={(v) => setMaxLength(v)}
              placeholder="4096"
            />
            <Typography.Text type="secondary">{t("datasetsPage.wizard.maxLengthHint")}</Typography.Text>
          </Space>
          {validating ? <Alert type="info" showIcon title={t("datasetsPage.wizard.validating")} /> : null}
          {filesError ? <Alert type="error" showIcon role="alert" title={filesError} /> : null}
        </Space>
      ),
    },
    {
      key: "report",
      title: t("datasetsPage.wizard.stepReport"),
      validate: checkReport,
      content: report ? (
        <Space orientation="vertical" style={{ width: "100%" }} size="middle">
          <FormatPanel
            report={report}
            shape={shape}
            onShape={setShape}
            rows={mappingRows}
            onRows={(rows) => {
              setMappingRows(rows);
              setMappingTouched(true);
            }}
            dirty={dirty}
            validating={revalidating}
            onValidate={() => void revalidate()}
          />
          {formatError ? <Alert type="error" showIcon role="alert" title={formatError} /> : null}
          <ReportStep report={report} keepValid={keepValid} onKeepValid={setKeepValid} error={reportError} />
        </Space>
      ) : null,
    },
  ];

  const review = (
    <Descriptions
      bordered
      size="small"
      column={1}
      aria-label={t("wizard.review")}
      items={[
        {
          key: "dataset",
          label: t("datasetsPage.wizard.stepDataset"),
          children: target ? (
            <Space wrap>
              {target.name} <IDBadge id={target.id} />
            </Space>
          ) : null,
        },
        {
          key: "files",
          label: t("datasetsPage.upload.files"),
          children: (
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {uploads.items.map((f) => (
                <li key={f.key}>
                  {f.name} {f.uploadId ? <IDBadge id={f.uploadId} /> : null}
                </li>
              ))}
            </ol>
          ),
        },
        { key: "format", label: t("datasetsPage.format"), children: report?.format ?? "—" },
        {
          key: "shape",
          label: t("datasetsPage.formats.shape"),
          children: report?.shape ? t(`datasetsPage.formats.shapes.${report.shape}`) : "—",
        },
        {
          key: "mapping",
          label: t("datasetsPage.formats.mapping"),
          children: report?.mapping ? mappingText(report.mapping) : t("datasetsPage.formats.noMapping"),
        },
        {
          key: "rows",
          label: t("datasetsPage.rows"),
          children:
            report && !report.valid && keepValid
              ? t("datasetsPage.report.keptRows", { valid: report.rows.valid, invalid: report.rows.invalid })
              : (report?.rows.valid ?? 0).toLocaleString(),
        },
        { key: "maxLength", label: t("datasetsPage.wizard.maxLength"), children: maxLength ?? "—" },
        {
          key: "id",
          label: t("datasetsPage.versionId"),
          children: t("datasetsPage.wizard.idAfterSubmit"),
        },
      ]}
    />
  );

  return (
    <Modal
      open
      title={
        target && dataset
          ? t("datasetsPage.wizard.titleFor", { name: target.name })
          : t("datasetsPage.wizard.title")
      }
      onCancel={close}
      footer={null}
      width={960}
      maskClosable={false}
    >
      {created ? (
        <Result
          status="success"
          title={t("datasetsPage.versionCreated", { number: created.number, name: target?.name ?? "" })}
          subTitle={
            <Space orientation="vertical">
              <span>
                {t("datasetsPage.versionId")}: <IDBadge id={created.id} label={t("datasetsPage.versionId")} />
              </span>
              <span>
                {t("datasetsPage.digest")}: <IDBadge id={created.digest} label={t("datasetsPage.digest")} />
              </span>
            </Space>
          }
          extra={[
            <Button
              key="open"
              type="primary"
              onClick={() => {
                onClose();
                navigate(versionPage(created));
              }}
            >
              {t("datasetsPage.openVersion")}
            </Button>,
            <Button key="close" onClick={onClose}>
              {t("common.close")}
            </Button>,
          ]}
        />
      ) : (
        <Wizard
          steps={steps}
          review={review}
          submitText={t("datasetsPage.wizard.create")}
          onSubmit={submit}
          onCancel={close}
        />
      )}
    </Modal>
  );
}
