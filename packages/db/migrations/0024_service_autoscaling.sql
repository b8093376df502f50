CREATE TABLE "service_autoscaling" (
	"revision_id" text PRIMARY KEY NOT NULL,
	"desired_replicas" integer NOT NULL,
	"low_since" timestamp (3) with time zone,
	"low_peak" integer,
	"last_scale_at" timestamp (3) with time zone,
	"last_demand_at" timestamp (3) with time zone,
	"cold_start_since" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_load_samples" (
	"revision_id" text NOT NULL,
	"source" text NOT NULL,
	"in_flight" integer NOT NULL,
	"requests_per_second" real NOT NULL,
	"sampled_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "service_load_samples_revision_id_source_pk" PRIMARY KEY("revision_id","source")
);
--> statement-breakpoint
ALTER TABLE "service_replicas" ADD COLUMN "restart_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "service_autoscaling" ADD CONSTRAINT "service_autoscaling_revision_id_service_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."service_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_load_samples" ADD CONSTRAINT "service_load_samples_revision_id_service_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."service_revisions"("id") ON DELETE cascade ON UPDATE no action;