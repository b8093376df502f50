ALTER TABLE "fine_tune_jobs" ADD COLUMN "final_metrics" jsonb;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "source_dataset_version_id" text;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "training_metrics" jsonb;