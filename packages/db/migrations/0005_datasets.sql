CREATE TABLE "dataset_validation_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"dataset_id" text NOT NULL,
	"files" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"report_sha256" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dataset_version_files" (
	"version_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"lines" integer NOT NULL,
	CONSTRAINT "dataset_version_files_version_id_position_pk" PRIMARY KEY("version_id","position")
);
--> statement-breakpoint
CREATE TABLE "dataset_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"dataset_id" text NOT NULL,
	"number" integer NOT NULL,
	"format" text NOT NULL,
	"digest" text NOT NULL,
	"size" bigint NOT NULL,
	"rows" integer NOT NULL,
	"schema" jsonb NOT NULL,
	"token_stats" jsonb,
	"validation" jsonb NOT NULL,
	"report_sha256" text,
	"kept_valid_only" boolean DEFAULT false NOT NULL,
	"dropped_rows" integer DEFAULT 0 NOT NULL,
	"tokenizer" text,
	"base_model_version_id" text,
	"max_length" integer,
	"parent_version_id" text,
	"split_role" text,
	"split_params" jsonb,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"format" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dataset_validation_runs" ADD CONSTRAINT "dataset_validation_runs_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_version_files" ADD CONSTRAINT "dataset_version_files_version_id_dataset_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."dataset_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dataset_validation_runs_dataset_idx" ON "dataset_validation_runs" USING btree ("dataset_id","created_at");--> statement-breakpoint
CREATE INDEX "dataset_version_files_sha_idx" ON "dataset_version_files" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_versions_number_uq" ON "dataset_versions" USING btree ("dataset_id","number");--> statement-breakpoint
CREATE INDEX "dataset_versions_parent_idx" ON "dataset_versions" USING btree ("parent_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_project_name_uq" ON "datasets" USING btree ("project_id",lower("name"));--> statement-breakpoint
CREATE INDEX "datasets_project_idx" ON "datasets" USING btree ("project_id","updated_at","id");