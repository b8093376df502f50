import { numeric, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { tenants } from "./tenants.js";

/**
 * A tenant's price table (issue 12 item 5): what a call through the gateway is estimated to cost.
 * A model version is priced per million prompt and completion tokens, a resource class per hour of a
 * replica. One row per subject; amounts are in the tenant's currency (`tenants.currency`). No foreign
 * key on `subject_id`: it names either a model version or a resource class (by name).
 */
export const prices = pgTable(
  "prices",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    subjectKind: text("subject_kind", { enum: ["model_version", "resource_class"] }).notNull(),
    subjectId: text("subject_id").notNull(),
    inputPerMillion: numeric("input_per_million", { precision: 18, scale: 8, mode: "number" }),
    outputPerMillion: numeric("output_per_million", { precision: 18, scale: 8, mode: "number" }),
    perHour: numeric("per_hour", { precision: 18, scale: 8, mode: "number" }),
    updatedBy: text("updated_by"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [unique("prices_subject_key").on(t.tenantId, t.subjectKind, t.subjectId)],
);
