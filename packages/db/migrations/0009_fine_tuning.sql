CREATE TABLE "fine_tune_job_transitions" (
	"job_id" text NOT NULL,
	"seq" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text NOT NULL,
	"actor_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fine_tune_job_transitions_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
CREATE TABLE "fine_tune_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"name" text,
	"status" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"config" jsonb NOT NULL,
	"stage" text NOT NULL,
	"method" text NOT NULL,
	"base_model_id" text NOT NULL,
	"base_model_version_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"dataset_version_id" text NOT NULL,
	"validation_dataset_version_id" text,
	"runtime" text NOT NULL,
	"resource_class" text NOT NULL,
	"gpu_count" integer DEFAULT 0 NOT NULL,
	"output_model_id" text,
	"output_model_name" text,
	"artifact_type" text NOT NULL,
	"result_model_version_id" text,
	"failure_reason" text,
	"failure_message" text,
	"failure_suggestion" text,
	"attempt" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_classes" (
	"name" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"cpus" integer NOT NULL,
	"memory_bytes" bigint NOT NULL,
	"gpu_model" text,
	"gpu_count" integer DEFAULT 0 NOT NULL,
	"gpu_memory_bytes" bigint,
	"hourly_price" numeric(14, 4) DEFAULT '0' NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_policies" ADD COLUMN "fine_tuning_own_jobs_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "fine_tune_job_transitions" ADD CONSTRAINT "fine_tune_job_transitions_job_id_fine_tune_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."fine_tune_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fine_tune_jobs" ADD CONSTRAINT "fine_tune_jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fine_tune_jobs" ADD CONSTRAINT "fine_tune_jobs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fine_tune_jobs_project_idx" ON "fine_tune_jobs" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "fine_tune_jobs_project_status_idx" ON "fine_tune_jobs" USING btree ("project_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "fine_tune_jobs_project_creator_idx" ON "fine_tune_jobs" USING btree ("project_id","created_by","created_at","id");--> statement-breakpoint
CREATE INDEX "fine_tune_jobs_queue_idx" ON "fine_tune_jobs" USING btree ("status","priority" desc,"queued_at","id");--> statement-breakpoint
CREATE INDEX "fine_tune_jobs_dataset_version_idx" ON "fine_tune_jobs" USING btree ("dataset_version_id");--> statement-breakpoint
CREATE INDEX "fine_tune_jobs_validation_version_idx" ON "fine_tune_jobs" USING btree ("validation_dataset_version_id");--> statement-breakpoint
CREATE INDEX "fine_tune_jobs_base_version_idx" ON "fine_tune_jobs" USING btree ("base_model_version_id");--> statement-breakpoint
CREATE INDEX "fine_tune_jobs_output_model_idx" ON "fine_tune_jobs" USING btree ("output_model_id");--> statement-breakpoint
-- The default resource class every job gets unless it names another (2 CPUs, 4 GiB, no GPU, free).
INSERT INTO "resource_classes" ("name", "display_name", "cpus", "memory_bytes", "gpu_count", "hourly_price", "currency")
VALUES ('cpu-2', '2 CPUs, 4 GiB', 2, 4294967296, 0, 0, 'USD')
ON CONFLICT ("name") DO NOTHING;
