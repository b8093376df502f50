import { QuestionCircleOutlined, UserOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { Language } from "../i18n/i18n";
import { timeZoneChoices, usePreferences } from "../lib/preferences";
import { logout, useMe } from "../shared/session";

export const helpUrl = "/api/v1/reference";

export function HelpLink() {
  const { t } = useTranslation();
  return (
    <Button
      type="text"
      icon={<QuestionCircleOutlined />}
      href={helpUrl}
      target="_blank"
      rel="noreferrer"
      aria-label={t("shell.help")}
    />
  );
}

/** Account, language, time zone and logout. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { language, setLanguage, timeZone, setTimeZone } = usePreferences();
  const email = me.data?.user?.email ?? me.data?.service_account?.name ?? "";
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        selectable: true,
        selectedKeys: [`lang:${language}`, `tz:${timeZone}`],
        items: [
          { key: "who", label: email, disabled: true },
          { type: "divider" },
          {
            key: "lang",
            label: t("shell.language"),
            children: [
              { key: "lang:zh-CN", label: "中文" },
              { key: "lang:en-US", label: "English" },
            ],
          },
          {
            key: "tz",
            label: `${t("shell.timeZone")}: ${timeZone}`,
            children: timeZoneChoices.map((z) => ({ key: `tz:${z}`, label: z })),
          },
          { type: "divider" },
          { key: "logout", label: t("shell.logout"), danger: true },
        ],
        onClick: async ({ key }) => {
          if (key.startsWith("lang:")) void setLanguage(key.slice(5) as Language);
          else if (key.startsWith("tz:")) setTimeZone(key.slice(3));
          else if (key === "logout") {
            try {
              await logout();
            } finally {
              queryClient.clear();
              navigate("/login", { replace: true });
            }
          }
        },
      }}
    >
      <Button type="text" icon={<UserOutlined />} aria-label={`${email} · ${t("shell.userMenu")}`}>
        <span className="infera-hide-narrow">{email}</span>
      </Button>
    </Dropdown>
  );
}
