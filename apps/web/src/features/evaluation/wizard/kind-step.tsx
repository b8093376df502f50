import { Form, Input, Radio, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";

const kinds = ["automatic", "side_by_side", "gate"] as const;

export function KindStep() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="kind" label={t("evaluationPage.wizard.kind")} rules={[{ required: true }]}>
        <Radio.Group aria-label={t("evaluationPage.wizard.kind")}>
          <Space orientation="vertical">
            {kinds.map((k) => (
              <Radio key={k} value={k}>
                <Typography.Text strong>{t(`evaluationPage.kind.${k}`)}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t(`evaluationPage.kindHint.${k}`)}</Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="name" label={t("evaluationPage.field.name")} rules={[{ max: 100 }]}>
        <Input
          aria-label={t("evaluationPage.field.name")}
          placeholder={t("evaluationPage.field.namePlaceholder")}
        />
      </Form.Item>
    </>
  );
}
