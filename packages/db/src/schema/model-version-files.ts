import { bigint, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { modelVersions } from "./model-versions.js";

/** The files of a version, each a blob named by its sha256. */
export const modelVersionFiles = pgTable(
  "model_version_files",
  {
    versionId: text("version_id")
      .notNull()
      .references(() => modelVersions.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    kind: text("kind", { enum: ["safetensors", "gguf", "bin", "json", "other"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.path] }), index("model_version_files_sha_idx").on(t.sha256)],
);
