/** The datasets pages' strings (source language); kept apart so that each area's work edits its own file. */
export const datasetsZhCN = {
  title: "数据集",
} as const;
