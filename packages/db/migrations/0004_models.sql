CREATE TABLE "model_tag_history" (
	"id" text PRIMARY KEY NOT NULL,
	"model_id" text NOT NULL,
	"tag" text NOT NULL,
	"action" text NOT NULL,
	"from_version_id" text,
	"to_version_id" text,
	"reason" text DEFAULT '' NOT NULL,
	"forced" boolean DEFAULT false NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_tags" (
	"model_id" text NOT NULL,
	"tag" text NOT NULL,
	"version_id" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_tags_model_id_tag_pk" PRIMARY KEY("model_id","tag")
);
--> statement-breakpoint
CREATE TABLE "model_version_files" (
	"version_id" text NOT NULL,
	"path" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "model_version_files_version_id_path_pk" PRIMARY KEY("version_id","path")
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"model_id" text NOT NULL,
	"artifact_type" text NOT NULL,
	"format" text NOT NULL,
	"formats" jsonb NOT NULL,
	"digest" text NOT NULL,
	"size" bigint NOT NULL,
	"source" text NOT NULL,
	"base_model_version_id" text,
	"source_job_id" text,
	"license" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"metadata" jsonb NOT NULL,
	"architecture" text,
	"parameter_count" bigint,
	"context_length" integer,
	"quantization" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_type" text NOT NULL,
	"tenant_id" text,
	"project_id" text,
	"owner_key" text NOT NULL,
	"visibility" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"license" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_policies" ADD COLUMN "prod_requires_passing_evaluation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "model_tag_history" ADD CONSTRAINT "model_tag_history_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_tags" ADD CONSTRAINT "model_tags_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_tags" ADD CONSTRAINT "model_tags_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_version_files" ADD CONSTRAINT "model_version_files_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_tag_history_tag_idx" ON "model_tag_history" USING btree ("model_id","tag","created_at","id");--> statement-breakpoint
CREATE INDEX "model_tags_version_idx" ON "model_tags" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "model_version_files_sha_idx" ON "model_version_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "model_versions_model_idx" ON "model_versions" USING btree ("model_id","created_at","id");--> statement-breakpoint
CREATE INDEX "model_versions_base_idx" ON "model_versions" USING btree ("base_model_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "models_owner_name_uq" ON "models" USING btree ("owner_key","name");--> statement-breakpoint
CREATE INDEX "models_project_idx" ON "models" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "models_tenant_idx" ON "models" USING btree ("tenant_id","visibility");