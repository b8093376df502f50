/** The models pages' strings (source language); kept apart so that each area's work edits its own file. */
export const modelsZhCN = {
  title: "模型",
} as const;
