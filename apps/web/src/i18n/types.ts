import type { zhCN } from "./locales/zh-CN";

/** Same keys as the source dictionary, any string values: another language must fill every key. */
export type LocaleShape<T> = { [K in keyof T]: T[K] extends string ? string : LocaleShape<T[K]> };

export type Messages = LocaleShape<typeof zhCN>;
