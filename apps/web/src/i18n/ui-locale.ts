import type { Locale } from "antd/es/locale";
import enUS from "antd/es/locale/en_US";

/**
 * Ant Design's and dayjs's own strings per language. English ships inside both libraries anyway;
 * Chinese is fetched when first shown, so the login page does not carry it for English readers.
 */
const loaded = new Map<string, Locale>([["en-US", enUS]]);

export const dayjsLocaleOf = (lang: string) => (lang === "zh-CN" ? "zh-cn" : "en");

/** The Ant Design locale of a language once loaded (English until then). */
export function uiLocale(lang: string): Locale {
  return loaded.get(lang) ?? enUS;
}

/** Fetches Ant Design's and dayjs's strings for a language (once). */
export async function loadUiLocale(lang: string): Promise<void> {
  if (loaded.has(lang)) return;
  if (lang === "zh-CN") {
    const [antd] = await Promise.all([import("antd/es/locale/zh_CN"), import("dayjs/locale/zh-cn")]);
    loaded.set(lang, antd.default);
  }
}

/** For tests and callers that already hold the locale (no fetch). */
export function registerUiLocale(lang: string, locale: Locale): void {
  loaded.set(lang, locale);
}
