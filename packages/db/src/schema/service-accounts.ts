import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";

export const serviceAccounts = pgTable(
  "service_accounts",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ["owner", "developer", "viewer"] }).notNull(),
    note: text("note").notNull().default(""),
    status: text("status", { enum: ["active", "disabled"] })
      .notNull()
      .default("active"),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_accounts_project_idx").on(t.projectId, t.createdAt, t.id)],
);
