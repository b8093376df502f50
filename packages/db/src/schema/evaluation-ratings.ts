import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { evaluationRuns } from "./evaluation-runs.js";

/** A rater's judgement of one side-by-side prompt; one row per (run, prompt, rater), updated in place. */
export const evaluationRatings = pgTable(
  "evaluation_ratings",
  {
    runId: text("run_id")
      .notNull()
      .references(() => evaluationRuns.id, { onDelete: "cascade" }),
    index: integer("index").notNull(),
    raterId: text("rater_id").notNull(),
    raterLabel: text("rater_label"),
    scoreA: integer("score_a"),
    scoreB: integer("score_b"),
    winner: text("winner", { enum: ["a", "b", "tie"] }).notNull(),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.index, t.raterId] })],
);
