CREATE TABLE "service_replica_logs" (
	"service_id" text NOT NULL,
	"seq" integer NOT NULL,
	"tenant_id" text NOT NULL,
	"replica_id" text NOT NULL,
	"revision_id" text NOT NULL,
	"revision_number" integer NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"level" text NOT NULL,
	"message" text NOT NULL,
	"line" text NOT NULL,
	"offset_end" bigint NOT NULL,
	CONSTRAINT "service_replica_logs_service_id_seq_pk" PRIMARY KEY("service_id","seq")
);
--> statement-breakpoint
ALTER TABLE "service_replica_logs" ADD CONSTRAINT "service_replica_logs_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_replica_logs_replica_idx" ON "service_replica_logs" USING btree ("replica_id","offset_end");--> statement-breakpoint
CREATE INDEX "service_replica_logs_at_idx" ON "service_replica_logs" USING btree ("service_id","at");