import { doublePrecision, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";

/** A project's release rule for evaluation gate runs: on every model (model_id null) or one. */
export const evaluationGateRules = pgTable(
  "evaluation_gate_rules",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    modelId: text("model_id"),
    metric: text("metric").notNull(),
    comparator: text("comparator", {
      enum: ["at_least", "not_worse_than_prod", "pass_rate_at_least"],
    }).notNull(),
    threshold: doublePrecision("threshold"),
    margin: doublePrecision("margin"),
    /**
     * `pass_rate_at_least`: the regression prompts with their checks (≤ 500, as the API takes them).
     * On the rule: rules are never edited, so a set is fixed for the rule's life (decision eval-regress).
     */
    prompts: jsonb("prompts").$type<unknown[]>(),
    description: text("description").notNull().default(""),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evaluation_gate_rules_project_idx").on(t.projectId, t.createdAt, t.id)],
);
