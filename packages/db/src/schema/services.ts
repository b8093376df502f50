import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";

/**
 * An inference service of a project (seed 000 §4.3.7): its name, env, exposure and desired state.
 * What it runs is in its revisions; `current_state` mirrors the state of the revision carrying the
 * most traffic, kept here so the list filters on it without a join.
 */
export const services = pgTable(
  "services",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    env: text("env", { enum: ["dev", "test", "prod"] }).notNull(),
    exposure: text("exposure", { enum: ["public", "private"] }).notNull(),
    /** CIDR blocks, checked by the contract (text, so PGlite and PostgreSQL read them alike). */
    ipAllowList: text("ip_allow_list").array().notNull().default(sql`'{}'::text[]`),
    desiredState: text("desired_state", { enum: ["active", "inactive"] }).notNull(),
    currentState: text("current_state", {
      enum: ["pending", "downloading", "starting", "ready", "inactive", "failed"],
    }).notNull(),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex("services_project_name_key").on(t.projectId, t.name),
    index("services_project_created_idx").on(t.projectId, t.createdAt, t.id),
  ],
);
