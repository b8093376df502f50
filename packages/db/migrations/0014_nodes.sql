CREATE TABLE "nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cpus" integer NOT NULL,
	"memory_bytes" bigint NOT NULL,
	"gpus" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" text NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"draining" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nodes_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "fine_tune_jobs" ADD COLUMN "node_id" text;--> statement-breakpoint
ALTER TABLE "fine_tune_jobs" ADD COLUMN "gpu_indices" jsonb;--> statement-breakpoint
ALTER TABLE "fine_tune_jobs" ADD COLUMN "wait_reason" text;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "target_node" text;--> statement-breakpoint
CREATE INDEX "nodes_last_seen_idx" ON "nodes" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "fine_tune_jobs_node_idx" ON "fine_tune_jobs" USING btree ("node_id","status") WHERE "fine_tune_jobs"."node_id" is not null;