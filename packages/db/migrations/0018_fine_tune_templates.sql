CREATE TABLE "fine_tune_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"config" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fine_tune_jobs" ADD COLUMN "template_id" text;--> statement-breakpoint
ALTER TABLE "fine_tune_templates" ADD CONSTRAINT "fine_tune_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fine_tune_templates" ADD CONSTRAINT "fine_tune_templates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fine_tune_templates_project_name_uq" ON "fine_tune_templates" USING btree ("project_id",lower("name"));--> statement-breakpoint
CREATE INDEX "fine_tune_templates_project_idx" ON "fine_tune_templates" USING btree ("project_id","created_at","id");