import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { fineTuneJobs } from "./fine-tune-jobs.js";

/**
 * A job's event log: what its runtime reported (protocol events: progress, metrics, checkpoints,
 * artifacts, logs, the end) and its stderr lines as logs, plus its state changes. `seq` is per job
 * and drawn under a per-job advisory lock held to commit, so seqs follow commit order: a stream that
 * sent seq n never later sees a new row below n (`Last-Event-ID` resumes without a gap).
 */
export const fineTuneJobEvents = pgTable(
  "fine_tune_job_events",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => fineTuneJobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    /** The job attempt that produced it (a resumed job's second run is attempt 2). */
    attempt: integer("attempt").notNull(),
    /** A protocol event type (`metrics`, `log`, …) or `status` for a state change. */
    type: text("type").notNull(),
    /** Logs only: debug, info, warn or error (filtering the Logs tab). */
    level: text("level"),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    /** The event as the runtime wrote it, less `type` and `time`. */
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.seq] }),
    // Metrics, logs and checkpoints each read their own type in order.
    index("fine_tune_job_events_type_idx").on(t.jobId, t.type, t.seq),
  ],
);
