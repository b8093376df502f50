import { index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { modelVersions } from "./model-versions.js";
import { models } from "./models.js";

/** A tag is only a pointer from a name to one version of the model. */
export const modelTags = pgTable(
  "model_tags",
  {
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
    versionId: text("version_id")
      .notNull()
      .references(() => modelVersions.id),
    updatedBy: text("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.tag] }), index("model_tags_version_idx").on(t.versionId)],
);
