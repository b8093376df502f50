CREATE TABLE "evaluation_benchmarks" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"dataset_id" text NOT NULL,
	"dataset_version_id" text,
	"prompt_field" text,
	"reference_field" text,
	"slice_field" text,
	"metrics" jsonb NOT NULL,
	"sample_limit" integer,
	"generation" jsonb,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD COLUMN "benchmark_id" text;--> statement-breakpoint
ALTER TABLE "evaluation_benchmarks" ADD CONSTRAINT "evaluation_benchmarks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_benchmarks" ADD CONSTRAINT "evaluation_benchmarks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_benchmarks_project_name_uq" ON "evaluation_benchmarks" USING btree ("project_id",lower("name"));--> statement-breakpoint
CREATE INDEX "evaluation_benchmarks_project_idx" ON "evaluation_benchmarks" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "evaluation_benchmarks_dataset_idx" ON "evaluation_benchmarks" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "evaluation_benchmarks_version_idx" ON "evaluation_benchmarks" USING btree ("dataset_version_id");--> statement-breakpoint
CREATE INDEX "evaluation_runs_benchmark_idx" ON "evaluation_runs" USING btree ("benchmark_id");