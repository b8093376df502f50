import { Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useTemplates } from "../api";

/**
 * "From template" at the start of the wizard: picking one refills the wizard with its configuration
 * (the page reloads it as `?template=<id>`). The job is then submitted as the wizard shows it.
 */
export function TemplatePicker({
  projectId,
  value,
  onPick,
}: {
  projectId: string;
  value?: string;
  onPick: (templateId: string) => void;
}) {
  const { t } = useTranslation();
  const templates = useTemplates(projectId);
  const rows = templates.data?.data ?? [];
  return (
    <Form layout="vertical" style={{ maxWidth: 880 }}>
      <Form.Item label={t("fineTuningPage.templates.picker")} htmlFor="template-picker">
        <Select
          id="template-picker"
          aria-label={t("fineTuningPage.templates.picker")}
          showSearch={{ optionFilterProp: "label" }}
          allowClear
          loading={templates.isLoading}
          value={value}
          placeholder={t("fineTuningPage.templates.pickerPlaceholder")}
          notFoundContent={t("fineTuningPage.templates.pickerNone")}
          options={rows.map((r) => ({
            value: r.id,
            label: r.description ? `${r.name} — ${r.description}` : r.name,
          }))}
          onChange={(id?: string) => {
            if (id) onPick(id);
          }}
        />
      </Form.Item>
    </Form>
  );
}
