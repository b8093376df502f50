import { UploadOutlined } from "@ant-design/icons";
import { FineTuneJobConfig } from "@infera/contracts";
import { Alert, Button, Input, Modal, Space, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Import config JSON: a configuration pasted or read from a file (what `GET …/config` exports). It
 * must pass the contract; the wizard is then filled with it.
 */
export function ImportConfigDialog({
  open,
  onCancel,
  onImport,
}: {
  open: boolean;
  onCancel: () => void;
  onImport: (config: FineTuneJobConfig) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const importText = () => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      setProblems([t("fineTuningPage.import.notJson", { message: (e as Error).message })]);
      return;
    }
    const parsed = FineTuneJobConfig.safeParse(raw);
    if (!parsed.success) {
      setProblems(parsed.error.issues.map((i) => `${i.path.join(".") || "—"}: ${i.message}`));
      return;
    }
    setProblems([]);
    setText("");
    onImport(parsed.data);
  };
  return (
    <Modal
      open={open}
      title={t("fineTuningPage.import.title")}
      okText={t("fineTuningPage.import.ok")}
      cancelText={t("common.cancel")}
      onOk={importText}
      onCancel={onCancel}
      destroyOnHidden
      data-modal-id="ImportFineTuneConfig"
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then(setText);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t("fineTuningPage.import.file")}</Button>
        </Upload>
        <Input.TextArea
          aria-label={t("fineTuningPage.import.paste")}
          placeholder={t("fineTuningPage.import.paste")}
          rows={10}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {problems.length ? (
          <Alert
            type="error"
            showIcon
            title={t("fineTuningPage.import.invalid")}
            description={
              <ul>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        ) : null}
      </Space>
    </Modal>
  );
}
