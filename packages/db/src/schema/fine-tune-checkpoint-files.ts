import { bigint, foreignKey, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { fineTuneCheckpoints } from "./fine-tune-checkpoints.js";

/** The manifest of a stored checkpoint: each file (relative to its folder) as a blob named by its sha256. */
export const fineTuneCheckpointFiles = pgTable(
  "fine_tune_checkpoint_files",
  {
    jobId: text("job_id").notNull(),
    name: text("name").notNull(),
    path: text("path").notNull(),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.name, t.path] }),
    foreignKey({
      columns: [t.jobId, t.name],
      foreignColumns: [fineTuneCheckpoints.jobId, fineTuneCheckpoints.name],
    }).onDelete("cascade"),
    index("fine_tune_checkpoint_files_sha_idx").on(t.sha256),
  ],
);
