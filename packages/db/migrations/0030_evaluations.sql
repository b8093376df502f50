CREATE TABLE "evaluation_gate_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"model_id" text,
	"metric" text NOT NULL,
	"comparator" text NOT NULL,
	"threshold" double precision,
	"margin" double precision,
	"description" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_ratings" (
	"run_id" text NOT NULL,
	"index" integer NOT NULL,
	"rater_id" text NOT NULL,
	"rater_label" text,
	"score_a" integer,
	"score_b" integer,
	"winner" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_ratings_run_id_index_rater_id_pk" PRIMARY KEY("run_id","index","rater_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"status" text NOT NULL,
	"targets" jsonb NOT NULL,
	"model_version_id" text,
	"dataset_id" text,
	"dataset_version_id" text,
	"config" jsonb NOT NULL,
	"samples_total" integer,
	"samples_done" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"gate" jsonb,
	"gate_passed" boolean,
	"error" text,
	"rerun_of" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_samples" (
	"run_id" text NOT NULL,
	"target" text NOT NULL,
	"index" integer NOT NULL,
	"input" jsonb NOT NULL,
	"reference" text,
	"output" text,
	"scores" jsonb NOT NULL,
	"judge_reason" text,
	"slice" text,
	"latency_ms" double precision,
	"prompt_tokens" integer,
	"completion_tokens" integer,
	"error" text,
	CONSTRAINT "evaluation_samples_run_id_target_index_pk" PRIMARY KEY("run_id","target","index")
);
--> statement-breakpoint
ALTER TABLE "model_tag_history" ADD COLUMN "evidence_evaluation_run_id" text;--> statement-breakpoint
ALTER TABLE "evaluation_gate_rules" ADD CONSTRAINT "evaluation_gate_rules_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_ratings" ADD CONSTRAINT "evaluation_ratings_run_id_evaluation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evaluation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD CONSTRAINT "evaluation_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD CONSTRAINT "evaluation_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_samples" ADD CONSTRAINT "evaluation_samples_run_id_evaluation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evaluation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_gate_rules_project_idx" ON "evaluation_gate_rules" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "evaluation_runs_project_idx" ON "evaluation_runs" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "evaluation_runs_version_idx" ON "evaluation_runs" USING btree ("model_version_id","gate_passed");--> statement-breakpoint
CREATE INDEX "evaluation_samples_slice_idx" ON "evaluation_samples" USING btree ("run_id","slice");