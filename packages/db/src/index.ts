export {
  type AnyColumn,
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  getTableColumns,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  ne,
  notInArray,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
export * from "./database.js";
export * from "./errors.js";
export * as tables from "./schema/index.js";
export type { NodeGpuRow } from "./schema/nodes.js";
