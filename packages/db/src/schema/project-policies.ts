import { boolean, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";

/** Env policies (seed 000 §4.3.2 E): data, enforced by the server, explained by the console. */
export const projectPolicies = pgTable("project_policies", {
  projectId: text("project_id")
    .primaryKey()
    .references(() => projects.id, { onDelete: "cascade" }),
  prodDisallowScaleToZero: boolean("prod_disallow_scale_to_zero").notNull().default(true),
  prodForceAlerts: boolean("prod_force_alerts").notNull().default(true),
  prodNoPlaygroundLogging: boolean("prod_no_playground_logging").notNull().default(true),
  viewersCannotViewLogs: boolean("viewers_cannot_view_logs").notNull().default(true),
  /**
   * The `prod` tag of a model moves only with a passing evaluation, or forced by an Owner. Core
   * writes every column from its defaultPolicies (on), so this column default is not what applies.
   */
  prodRequiresPassingEvaluation: boolean("prod_requires_passing_evaluation").notNull().default(false),
  /** Seed 004 FR54: Developers and Viewers see only the fine-tuning jobs they created. */
  fineTuningOwnJobsOnly: boolean("fine_tuning_own_jobs_only").notNull().default(false),
  /** Days a finished job's workspace (checkpoints, inputs) and log lines are kept (seed 004: 7). */
  fineTuningRetentionDays: integer("fine_tuning_retention_days").notNull().default(7),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
