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

/**
 * Matches the whole text as a RegExp, allowing whitespace between characters: Ant Design spaces out
 * two-character Chinese button labels ("登录" shows as "登 录").
 */
export function exactly(text: string): RegExp {
  const chars = [...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^\\s*${chars.join("\\s*")}\\s*$`);
}
