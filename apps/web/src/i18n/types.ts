import type { coreZhCN } from "./locales/core.zh-CN";
import type { zhCN } from "./locales/zh-CN";

/** Same keys as the source dictionary, any string values: another language must fill every key. */
export type LocaleShape<T> = { [K in keyof T]: T[K] extends string ? string : LocaleShape<T[K]> };

export type Messages = LocaleShape<typeof zhCN>;

/** The core dictionary: what the first render needs, before any feature page opens. */
export type CoreMessages = LocaleShape<typeof coreZhCN>;
