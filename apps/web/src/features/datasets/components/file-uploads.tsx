import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CaretRightOutlined,
  DeleteOutlined,
  InboxOutlined,
  PauseOutlined,
  ReloadOutlined,
} from "@ant-design/icons";
import { Button, List, Progress, Space, Typography, Upload } from "antd";
import { useTranslation } from "react-i18next";
import type { FileUpload, useTusUploads } from "./use-tus-uploads";

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 2 : 0)} MB`;

/** Drop JSONL files; each uploads at once, with its progress, pause/resume, retry, and its place in order. */
export function FileUploads({ uploads }: { uploads: ReturnType<typeof useTusUploads> }) {
  const { t } = useTranslation();
  const { items } = uploads;
  const actions = (f: FileUpload, i: number) => {
    const named = { name: f.name };
    return [
      f.status === "uploading" ? (
        <Button
          key="pause"
          size="small"
          icon={<PauseOutlined />}
          aria-label={t("datasetsPage.upload.pause", named)}
          onClick={() => uploads.pause(f.key)}
        />
      ) : f.status === "paused" ? (
        <Button
          key="resume"
          size="small"
          icon={<CaretRightOutlined />}
          aria-label={t("datasetsPage.upload.resume", named)}
          onClick={() => uploads.resume(f.key)}
        />
      ) : f.status === "error" ? (
        <Button
          key="retry"
          size="small"
          icon={<ReloadOutlined />}
          aria-label={t("datasetsPage.upload.retry", named)}
          onClick={() => uploads.retry(f.key)}
        >
          {t("common.retry")}
        </Button>
      ) : null,
      <Button
        key="up"
        size="small"
        type="text"
        icon={<ArrowUpOutlined />}
        disabled={i === 0}
        aria-label={t("datasetsPage.upload.moveUp", named)}
        onClick={() => uploads.move(f.key, -1)}
      />,
      <Button
        key="down"
        size="small"
        type="text"
        icon={<ArrowDownOutlined />}
        disabled={i === items.length - 1}
        aria-label={t("datasetsPage.upload.moveDown", named)}
        onClick={() => uploads.move(f.key, 1)}
      />,
      <Button
        key="remove"
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={t("datasetsPage.upload.remove", named)}
        onClick={() => uploads.remove(f.key)}
      />,
    ].filter(Boolean);
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Upload.Dragger
        multiple
        accept=".jsonl,.json,.ndjson,.csv,.tsv,.parquet,.gz,application/x-ndjson,application/jsonl,application/json,text/csv,application/gzip"
        showUploadList={false}
        beforeUpload={(file, list) => {
          // antd calls this once per file with the whole batch: take the batch on its first file.
          if (file === list[0]) uploads.add(list as unknown as File[]);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t("datasetsPage.upload.drop")}</p>
        <p className="ant-upload-hint">{t("datasetsPage.upload.dropHint")}</p>
      </Upload.Dragger>
      {items.length > 0 ? (
        <List
          size="small"
          bordered
          aria-label={t("datasetsPage.upload.files")}
          dataSource={items}
          renderItem={(f, i) => (
            <List.Item actions={actions(f, i)}>
              <Space orientation="vertical" size={0} style={{ width: "100%", minWidth: 0 }}>
                <Typography.Text ellipsis>
                  {i + 1}. {f.name}{" "}
                  <Typography.Text type="secondary">
                    {mb(f.sent)} / {mb(f.size)} · {t(`datasetsPage.upload.status.${f.status}`)}
                  </Typography.Text>
                </Typography.Text>
                <Progress
                  size="small"
                  percent={f.size ? Math.floor((f.sent / f.size) * 100) : 100}
                  status={f.status === "error" ? "exception" : f.status === "done" ? "success" : "active"}
                  aria-label={t("datasetsPage.upload.progress", { name: f.name })}
                />
                {f.error ? <Typography.Text type="danger">{f.error}</Typography.Text> : null}
              </Space>
            </List.Item>
          )}
        />
      ) : null}
    </Space>
  );
}
