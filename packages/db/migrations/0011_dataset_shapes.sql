ALTER TABLE "dataset_version_files" ADD COLUMN "container" text DEFAULT 'jsonl' NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_versions" ADD COLUMN "shape" text;--> statement-breakpoint
ALTER TABLE "dataset_versions" ADD COLUMN "mapping" jsonb;--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "shape" text;--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "mapping" jsonb;--> statement-breakpoint
-- Versions and datasets from before shapes were JSONL of one of the four formats: their shape is
-- their format (their files' container is jsonl by the column default, their mapping none).
UPDATE "dataset_versions" SET "shape" = "format" WHERE "shape" IS NULL;--> statement-breakpoint
UPDATE "datasets" SET "shape" = "format" WHERE "shape" IS NULL AND "format" IS NOT NULL;
