CREATE TABLE "service_replicas" (
	"id" text PRIMARY KEY NOT NULL,
	"revision_id" text NOT NULL,
	"service_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"node_id" text NOT NULL,
	"state" text NOT NULL,
	"port" integer,
	"pid" integer,
	"started_at" timestamp (3) with time zone,
	"ready_at" timestamp (3) with time zone,
	"last_error" text,
	"restart_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_replicas" ADD CONSTRAINT "service_replicas_revision_id_service_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."service_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_replicas" ADD CONSTRAINT "service_replicas_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_replicas_revision_idx" ON "service_replicas" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "service_replicas_node_state_idx" ON "service_replicas" USING btree ("node_id","state");