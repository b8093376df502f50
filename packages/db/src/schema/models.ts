import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";
import { tenants } from "./tenants.js";

/**
 * A model: a named line of immutable versions. Tenant models belong to the tenant and are managed
 * from the project that created them; platform models (system models) have neither.
 */
export const models = pgTable(
  "models",
  {
    id: text("id").primaryKey(),
    ownerType: text("owner_type", { enum: ["platform", "tenant"] }).notNull(),
    tenantId: text("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    projectId: text("project_id").references(() => projects.id, { onDelete: "cascade" }),
    /** The name's uniqueness scope: the tenant id, or "platform". */
    ownerKey: text("owner_key").notNull(),
    visibility: text("visibility", { enum: ["private", "tenant_shared", "public"] }).notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    source: text("source").notNull().default(""),
    license: text("license").notNull().default(""),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("models_owner_name_uq").on(t.ownerKey, t.name),
    index("models_project_idx").on(t.projectId),
    index("models_tenant_idx").on(t.tenantId, t.visibility),
  ],
);
