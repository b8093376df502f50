ALTER TABLE "fine_tune_jobs" ADD COLUMN "workspace_removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_policies" ADD COLUMN "fine_tuning_retention_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
CREATE INDEX "fine_tune_jobs_finished_idx" ON "fine_tune_jobs" USING btree ("status","finished_at");--> statement-breakpoint
CREATE INDEX "fine_tune_jobs_retention_idx" ON "fine_tune_jobs" USING btree ("finished_at") WHERE "fine_tune_jobs"."workspace_removed_at" is null and "fine_tune_jobs"."finished_at" is not null;