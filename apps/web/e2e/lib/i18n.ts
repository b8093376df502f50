import { enUS } from "../../src/i18n/locales/en-US";
import { zhCN } from "../../src/i18n/locales/zh-CN";

export type Lang = "zh-CN" | "en-US";
const dictionaries: Record<Lang, unknown> = { "zh-CN": zhCN, "en-US": enUS };

/** The console's own string for `key`, so the tests follow the dictionaries instead of copying them. */
export function translator(lang: Lang) {
  return (key: string, vars: Record<string, string | number> = {}): string => {
    const value = key
      .split(".")
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown> | undefined)?.[part],
        dictionaries[lang],
      );
    if (typeof value !== "string") throw new Error(`no ${lang} string for ${key}`);
    return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ""));
  };
}

/** Matches the text exactly, as a RegExp, for role names that carry extra whitespace or icons. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
}
