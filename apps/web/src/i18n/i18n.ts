import i18n, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { FeatureNamespace } from "./feature-messages";
import type { CoreMessages, Messages } from "./types";

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

// Each language's core dictionary is its own chunk: a page loads only the language it shows. The
// features' namespaces come with their pages (loadNamespaces, WithMessages).
const coreDictionaries: Record<Language, () => Promise<CoreMessages>> = {
  "zh-CN": () => import("./locales/core.zh-CN").then((m) => m.coreZhCN),
  "en-US": () => import("./locales/core.en-US").then((m) => m.coreEnUS),
};

/** Per language, the whole dictionary (tests) or its core (the app, before any feature page opens). */
export type Dictionaries = Partial<Record<Language, Messages | CoreMessages>>;

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

/** An instance holding only the active language's core dictionary, fetched first. */
export async function initI18n(lng: Language = initialLanguage()): Promise<I18n> {
  return createI18n(lng, { [lng]: await coreDictionaries[lng]() });
}

/**
 * The feature namespaces each instance was asked for, so that a language switch fetches them too.
 * Keyed by the instance's store: useTranslation hands out copies of the instance that share it.
 */
const requested = new WeakMap<I18n["store"], Set<FeatureNamespace>>();

export function hasNamespaces(
  instance: I18n,
  namespaces: readonly FeatureNamespace[],
  lng: Language,
): boolean {
  return namespaces.every((ns) => instance.getResource(lng, "translation", ns) !== undefined);
}

/** Fetches the feature namespaces the instance lacks in a language and merges them into its dictionary. */
export async function loadNamespaces(
  instance: I18n,
  namespaces: readonly FeatureNamespace[],
  lng: Language,
): Promise<void> {
  const asked = requested.get(instance.store) ?? new Set<FeatureNamespace>();
  requested.set(instance.store, asked);
  for (const ns of namespaces) asked.add(ns);
  const missing = namespaces.filter((ns) => !hasNamespaces(instance, [ns], lng));
  if (missing.length === 0) return;
  const { featureMessages } = await import("./feature-messages");
  const loaded = await Promise.all(missing.map((ns) => featureMessages[ns][lng]()));
  // Deep merge into the one "translation" namespace: keys stay `evaluationPage.title`, typed as before.
  missing.forEach((ns, i) => {
    instance.addResourceBundle(lng, "translation", { [ns]: loaded[i] }, true, true);
  });
}

/** Fetches a language's core and every namespace already shown (once), so changeLanguage finds them. */
export async function loadLanguage(instance: I18n, lng: Language): Promise<void> {
  if (!instance.hasResourceBundle(lng, "translation"))
    instance.addResourceBundle(lng, "translation", await coreDictionaries[lng](), true, true);
  await loadNamespaces(instance, [...(requested.get(instance.store) ?? [])], lng);
}
