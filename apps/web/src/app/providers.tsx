import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUSAntd from "antd/locale/en_US";
import zhCNAntd from "antd/locale/zh_CN";
import type { i18n as I18n } from "i18next";
import { type ReactNode, useEffect, useState } from "react";
import { I18nextProvider } from "react-i18next";
import { isApiError } from "../lib/api-error";
import { PreferencesProvider, usePreferences } from "../lib/preferences";
import "dayjs/locale/zh-cn";
import { dayjs } from "../lib/dates";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // 4xx answers are final; retry only network and server errors, once.
        retry: (count, error) =>
          count < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
}

function AntdLocale({ children }: { children: ReactNode }) {
  const { language } = usePreferences();
  useEffect(() => {
    dayjs.locale(language === "zh-CN" ? "zh-cn" : "en");
  }, [language]);
  return (
    <ConfigProvider
      locale={language === "zh-CN" ? zhCNAntd : enUSAntd}
      theme={{ token: { colorPrimary: "#2f54eb" } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Everything a page needs around it: data cache, language, time zone, Ant Design context. */
export function Providers({
  i18n,
  queryClient,
  timeZone,
  children,
}: {
  i18n: I18n;
  queryClient?: QueryClient;
  timeZone?: string;
  children: ReactNode;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <PreferencesProvider timeZone={timeZone}>
          <AntdLocale>{children}</AntdLocale>
        </PreferencesProvider>
      </I18nextProvider>
    </QueryClientProvider>
  );
}
