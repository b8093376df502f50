import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { fineTuneJobs } from "./fine-tune-jobs.js";
import { tenants } from "./tenants.js";

/**
 * A job's checkpoints copied to the blob store, so any node can resume the job and the download
 * route works without the workspace. A row is `uploading` from the moment its copy starts and
 * `stored` once every file is in the store and listed in `fine_tune_checkpoint_files`: only a
 * stored row is resumed from. Deleted when retention removes the job's workspace (its files are
 * then no blob references any more, and blob garbage collection removes them).
 */
export const fineTuneCheckpoints = pgTable(
  "fine_tune_checkpoints",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => fineTuneJobs.id, { onDelete: "cascade" }),
    /** The checkpoint folder's name (`step-00000060`), as the API names it. */
    name: text("name").notNull(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** The folder relative to the job's workspace (`output/checkpoints/step-00000060`): where a resume puts it back. */
    path: text("path").notNull(),
    step: integer("step").notNull(),
    attempt: integer("attempt").notNull(),
    state: text("state", { enum: ["uploading", "stored"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    storedAt: timestamp("stored_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.name] }),
    index("fine_tune_checkpoints_step_idx").on(t.jobId, t.step),
  ],
);
