CREATE TABLE "fine_tune_checkpoint_files" (
	"job_id" text NOT NULL,
	"name" text NOT NULL,
	"path" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	CONSTRAINT "fine_tune_checkpoint_files_job_id_name_path_pk" PRIMARY KEY("job_id","name","path")
);
--> statement-breakpoint
CREATE TABLE "fine_tune_checkpoints" (
	"job_id" text NOT NULL,
	"name" text NOT NULL,
	"tenant_id" text NOT NULL,
	"path" text NOT NULL,
	"step" integer NOT NULL,
	"attempt" integer NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stored_at" timestamp with time zone,
	CONSTRAINT "fine_tune_checkpoints_job_id_name_pk" PRIMARY KEY("job_id","name")
);
--> statement-breakpoint
ALTER TABLE "fine_tune_checkpoint_files" ADD CONSTRAINT "fine_tune_checkpoint_files_job_id_name_fine_tune_checkpoints_job_id_name_fk" FOREIGN KEY ("job_id","name") REFERENCES "public"."fine_tune_checkpoints"("job_id","name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fine_tune_checkpoints" ADD CONSTRAINT "fine_tune_checkpoints_job_id_fine_tune_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."fine_tune_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fine_tune_checkpoints" ADD CONSTRAINT "fine_tune_checkpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fine_tune_checkpoint_files_sha_idx" ON "fine_tune_checkpoint_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "fine_tune_checkpoints_step_idx" ON "fine_tune_checkpoints" USING btree ("job_id","step");