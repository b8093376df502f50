import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ConfigProvider } from "antd";
import type { i18n as I18n } from "i18next";
import { type ReactNode, useEffect, useState } from "react";
import { I18nextProvider } from "react-i18next";
import { dayjsLocaleOf, uiLocale } from "../i18n/ui-locale";
import { isApiError } from "../lib/api-error";
import { dayjs } from "../lib/dates";
import { PreferencesProvider, usePreferences } from "../lib/preferences";
import { useReducedMotion } from "../lib/use-reduced-motion";

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
  const reducedMotion = useReducedMotion();
  useEffect(() => {
    dayjs.locale(dayjsLocaleOf(language));
  }, [language]);
  return (
    <ConfigProvider
      // setLanguage loads a language's locale before switching to it.
      locale={uiLocale(language)}
      // Dialogs, drawers and toasts appear without zooming and sliding for people who asked their
      // system for less motion (WCAG 2.3.3); the browser tests ask too, so they never click mid-zoom.
      theme={reducedMotion ? stillTheme : theme}
      // No space inside two-character Chinese labels ("编 辑"): the text must stay part of the button's
      // accessible name (axe's label-content-name-mismatch).
      button={{ autoInsertSpace: false }}
    >
      {children}
    </ConfigProvider>
  );
}

// Ant Design's default greys (45% and 25% black), link blue and error red fall below WCAG AA contrast (4.5:1).
// So does its hover blue, derived lighter than the primary or link blue (#597ef7: 3.6:1 with white): a hovered
// primary button, the text of a hovered default button and a hovered link go darker instead.
const theme = {
  token: {
    colorPrimary: "#2f54eb",
    colorPrimaryHover: "#1d39c4",
    colorPrimaryActive: "#10239e",
    colorLink: "#2f54eb",
    colorLinkHover: "#1d39c4",
    colorLinkActive: "#10239e",
    colorTextSecondary: "rgba(0, 0, 0, 0.65)",
    colorTextTertiary: "rgba(0, 0, 0, 0.6)",
    colorTextDescription: "rgba(0, 0, 0, 0.65)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.55)",
    colorError: "#cf1322",
  },
  components: {
    // An unchecked switch's white label ("Inactive") sits on the 25% grey track: 2.0:1. 55% gives 4.7:1.
    Switch: { colorTextQuaternary: "rgba(0, 0, 0, 0.55)" },
  },
};

const stillTheme = { ...theme, token: { ...theme.token, motion: false } };

/**
 * Everything a page needs around it: data cache, language, time zone, Ant Design theme and locale.
 * Ant Design's App context (toasts) comes from the routes' ConsoleLayout, not from here.
 */
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
