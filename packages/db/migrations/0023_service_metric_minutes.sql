CREATE TABLE "service_metric_minutes" (
	"replica_id" text NOT NULL,
	"minute" timestamp (3) with time zone NOT NULL,
	"tenant_id" text NOT NULL,
	"service_id" text NOT NULL,
	"revision_id" text NOT NULL,
	"node_id" text NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"prompt_tokens" bigint DEFAULT 0 NOT NULL,
	"generated_tokens" bigint DEFAULT 0 NOT NULL,
	"histograms" jsonb NOT NULL,
	"in_flight" integer DEFAULT 0 NOT NULL,
	"queue_depth" integer DEFAULT 0 NOT NULL,
	"cold_starts" integer DEFAULT 0 NOT NULL,
	"cold_start_seconds" double precision DEFAULT 0 NOT NULL,
	"cpu_seconds" double precision DEFAULT 0 NOT NULL,
	"wall_seconds" double precision DEFAULT 0 NOT NULL,
	"memory_bytes" bigint DEFAULT 0 NOT NULL,
	"gpu_memory_bytes" bigint,
	"gpu_utilization" double precision,
	"snapshot" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "service_metric_minutes_replica_id_minute_pk" PRIMARY KEY("replica_id","minute")
);
--> statement-breakpoint
ALTER TABLE "service_metric_minutes" ADD CONSTRAINT "service_metric_minutes_revision_id_service_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."service_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_metric_minutes_service_idx" ON "service_metric_minutes" USING btree ("service_id","minute");--> statement-breakpoint
CREATE INDEX "service_metric_minutes_minute_idx" ON "service_metric_minutes" USING btree ("minute");