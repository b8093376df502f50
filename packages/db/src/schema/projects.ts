import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tenants } from "./tenants.js";

export const projects = pgTable(
  "projects",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    env: text("env", { enum: ["dev", "test", "prod"] }).notNull(),
    description: text("description").notNull().default(""),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("projects_tenant_name_key").on(t.tenantId, sql`lower(${t.name})`),
    index("projects_tenant_created_idx").on(t.tenantId, t.createdAt, t.id),
  ],
);
