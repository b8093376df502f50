import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";
import { tenants } from "./tenants.js";

/**
 * A project's saved fine-tuning job configuration. `config` is kept as given (no defaults filled in):
 * what it leaves out takes the base model's recommendation when a job is created from it. Names are
 * unique in the project ignoring case. Jobs made from it keep their own copy of the configuration
 * (`fine_tune_jobs.template_id` is a plain column), so deleting a template touches no job.
 */
export const fineTuneTemplates = pgTable(
  "fine_tune_templates",
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
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex("fine_tune_templates_project_name_uq").on(t.projectId, sql`lower(${t.name})`),
    index("fine_tune_templates_project_idx").on(t.projectId, t.createdAt, t.id),
  ],
);
