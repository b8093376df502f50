import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { fineTuneJobs } from "./fine-tune-jobs.js";

/** Every state change of a job, numbered per job: its timeline (from is null for its creation). */
export const fineTuneJobTransitions = pgTable(
  "fine_tune_job_transitions",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => fineTuneJobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    reason: text("reason").notNull(),
    /** The user or service account that caused it; null for the platform (scheduler, worker). */
    actorId: text("actor_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);
