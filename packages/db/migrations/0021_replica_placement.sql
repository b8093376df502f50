ALTER TABLE "nodes" ADD COLUMN "max_replicas" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "service_replicas" ADD COLUMN "gpu_indices" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "service_revisions" ADD COLUMN "upstream_failures" integer DEFAULT 0 NOT NULL;