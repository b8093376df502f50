import type { LocaleShape } from "../types";
import type { datasetsZhCN } from "./datasets.zh-CN";

export const datasetsEnUS: LocaleShape<typeof datasetsZhCN> = {
  title: "Datasets",
};
