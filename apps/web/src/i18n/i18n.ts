import i18n, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Messages } from "./types";

export const languages = ["zh-CN", "en-US"] as const;
export type Language = (typeof languages)[number];

const storageKey = "infera.lang";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(storageKey);
    if (isLanguage(saved)) return saved;
  } catch {
    // no storage: fall through to the browser's language
  }
  const nav = typeof navigator === "undefined" ? "" : navigator.language;
  return nav.toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
}

export function rememberLanguage(lang: Language): void {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // ignore
  }
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

// Each dictionary is its own chunk: a page loads only the language it shows.
const dictionaries: Record<Language, () => Promise<Messages>> = {
  "zh-CN": () => import("./locales/zh-CN").then((m) => m.zhCN),
  "en-US": () => import("./locales/en-US").then((m) => m.enUS),
};

export type Dictionaries = Partial<Record<Language, Messages>>;

/** Creates and initialises an i18next instance with the dictionaries given; each test gets its own. */
export function createI18n(lng: Language, messages: Dictionaries): I18n {
  const instance = i18n.createInstance();
  const resources = Object.fromEntries(
    Object.entries(messages).map(([lang, translation]) => [lang, { translation }]),
  );
  void instance.use(initReactI18next).init({
    resources,
    lng,
    // No fallback: a key missing in one language must show, and the locale test fails on it.
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

/** An instance holding only the active language's dictionary, fetched first. */
export async function initI18n(lng: Language = initialLanguage()): Promise<I18n> {
  return createI18n(lng, { [lng]: await dictionaries[lng]() });
}

/** Fetches a language's dictionary into the instance (once), so changeLanguage finds it. */
export async function loadLanguage(instance: I18n, lng: Language): Promise<void> {
  if (instance.hasResourceBundle(lng, "translation")) return;
  instance.addResourceBundle(lng, "translation", await dictionaries[lng]());
}
