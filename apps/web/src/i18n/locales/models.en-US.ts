import type { LocaleShape } from "../types";
import type { modelsZhCN } from "./models.zh-CN";

export const modelsEnUS: LocaleShape<typeof modelsZhCN> = {
  title: "Models",
};
