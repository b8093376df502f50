import { boolean, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { models } from "./models.js";

/** Every move of a tag (who, when, from, to, why); append-only. */
export const modelTagHistory = pgTable(
  "model_tag_history",
  {
    id: text("id").primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
    action: text("action", { enum: ["set", "rollback", "delete"] }).notNull(),
    fromVersionId: text("from_version_id"),
    toVersionId: text("to_version_id"),
    reason: text("reason").notNull().default(""),
    forced: boolean("forced").notNull().default(false),
    /** The passing gate run that allowed a move to prod (the release gate's evidence), when one did. */
    evidenceEvaluationRunId: text("evidence_evaluation_run_id"),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("model_tag_history_tag_idx").on(t.modelId, t.tag, t.createdAt, t.id)],
);
