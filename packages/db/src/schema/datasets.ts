import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";
import { tenants } from "./tenants.js";

/** The record shapes a version may arrive in (contracts' `DatasetShape`). */
const DATASET_SHAPES = [
  "chat",
  "prompt_completion",
  "text",
  "preference",
  "alpaca",
  "alpaca_preference",
  "sharegpt",
  "sharegpt_preference",
  "openai_preference",
] as const;

/**
 * A dataset: a named line of immutable versions in one project. Its name is unique in the project
 * ignoring case; its format is fixed by its first version (or at creation) and every later version
 * must have the same one.
 */
export const datasets = pgTable(
  "datasets",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    format: text("format", { enum: ["chat", "prompt_completion", "text", "preference"] }),
    /** The shape of the latest uploaded version (later versions are read as it unless they name one). */
    shape: text("shape", { enum: DATASET_SHAPES }),
    /** Target field ← source column, saved from the versions that gave one; later versions reuse it. */
    mapping: jsonb("mapping").$type<Record<string, string> | null>(),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("datasets_project_name_uq").on(t.projectId, sql`lower(${t.name})`),
    index("datasets_project_idx").on(t.projectId, t.updatedAt, t.id),
  ],
);
