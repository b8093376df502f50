CREATE TABLE "service_events" (
	"id" text PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"revision_id" text,
	"type" text NOT NULL,
	"message" text NOT NULL,
	"data" jsonb NOT NULL,
	"actor_id" text,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_revision_transitions" (
	"revision_id" text NOT NULL,
	"seq" integer NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"reason" text NOT NULL,
	"actor_id" text,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "service_revision_transitions_revision_id_seq_pk" PRIMARY KEY("revision_id","seq")
);
--> statement-breakpoint
CREATE TABLE "service_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"number" integer NOT NULL,
	"config" jsonb NOT NULL,
	"config_hash" text NOT NULL,
	"model_version_id" text NOT NULL,
	"base_model_version_id" text,
	"runtime_kind" text NOT NULL,
	"sealed_api_key" text,
	"traffic_percent" integer DEFAULT 0 NOT NULL,
	"current_state" text NOT NULL,
	"state_since" timestamp (3) with time zone NOT NULL,
	"failure_reason" text,
	"wait_reason" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"env" text NOT NULL,
	"exposure" text NOT NULL,
	"ip_allow_list" text[] DEFAULT '{}'::text[] NOT NULL,
	"desired_state" text NOT NULL,
	"current_state" text NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_revision_transitions" ADD CONSTRAINT "service_revision_transitions_revision_id_service_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."service_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_revisions" ADD CONSTRAINT "service_revisions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_events_service_idx" ON "service_events" USING btree ("service_id","at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_revisions_number_key" ON "service_revisions" USING btree ("service_id","number");--> statement-breakpoint
CREATE INDEX "service_revisions_model_version_idx" ON "service_revisions" USING btree ("model_version_id");--> statement-breakpoint
CREATE INDEX "service_revisions_base_version_idx" ON "service_revisions" USING btree ("base_model_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "services_project_name_key" ON "services" USING btree ("project_id","name");--> statement-breakpoint
CREATE INDEX "services_project_created_idx" ON "services" USING btree ("project_id","created_at","id");