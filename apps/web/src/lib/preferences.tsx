import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { isLanguage, type Language, loadLanguage, rememberLanguage } from "../i18n/i18n";
import { loadUiLocale } from "../i18n/ui-locale";
import { formatDateTime } from "./dates";

const tzKey = "infera.tz";
export const defaultTimeZone = "Asia/Tokyo";

export const timeZoneChoices = [
  "Asia/Tokyo",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "UTC",
] as const;

interface Preferences {
  language: Language;
  /** Fetches the language's dictionary and component locale (once), then switches to it. */
  setLanguage: (lang: Language) => Promise<void>;
  timeZone: string;
  setTimeZone: (tz: string) => void;
  /** `YYYY-MM-DD HH:mm:ss` in the chosen time zone. */
  formatDate: (value: string | number | Date | null | undefined) => string;
}

const PreferencesContext = createContext<Preferences | null>(null);

function savedTimeZone(): string {
  try {
    return localStorage.getItem(tzKey) || defaultTimeZone;
  } catch {
    return defaultTimeZone;
  }
}

export function PreferencesProvider({
  children,
  timeZone: initialTz,
}: {
  children: ReactNode;
  timeZone?: string;
}) {
  const { i18n } = useTranslation();
  const [timeZone, setTz] = useState(() => initialTz ?? savedTimeZone());
  const [language, setLang] = useState<Language>(() => (isLanguage(i18n.language) ? i18n.language : "en-US"));

  const setLanguage = useCallback(
    async (lang: Language) => {
      await Promise.all([loadLanguage(i18n, lang), loadUiLocale(lang)]);
      await i18n.changeLanguage(lang);
      rememberLanguage(lang);
      setLang(lang);
    },
    [i18n],
  );
  const setTimeZone = useCallback((tz: string) => {
    setTz(tz);
    try {
      localStorage.setItem(tzKey, tz);
    } catch {
      // ignore
    }
  }, []);
  const value = useMemo<Preferences>(
    () => ({
      language,
      setLanguage,
      timeZone,
      setTimeZone,
      formatDate: (v) => formatDateTime(v, timeZone),
    }),
    [language, setLanguage, timeZone, setTimeZone],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error("usePreferences outside PreferencesProvider");
  return value;
}
