import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import type { Language } from "../i18n/i18n";
import { usePreferences } from "../lib/preferences";

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = usePreferences();
  return (
    <Segmented
      size="small"
      aria-label={t("shell.language")}
      value={language}
      onChange={(v) => void setLanguage(v as Language)}
      options={[
        { value: "zh-CN", label: "中文" },
        { value: "en-US", label: "English" },
      ]}
    />
  );
}
