CREATE TABLE "fine_tune_job_events" (
	"job_id" text NOT NULL,
	"seq" integer NOT NULL,
	"attempt" integer NOT NULL,
	"type" text NOT NULL,
	"level" text,
	"at" timestamp (3) with time zone NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "fine_tune_job_events_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
ALTER TABLE "fine_tune_jobs" ADD COLUMN "progress" jsonb;--> statement-breakpoint
ALTER TABLE "fine_tune_job_events" ADD CONSTRAINT "fine_tune_job_events_job_id_fine_tune_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."fine_tune_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fine_tune_job_events_type_idx" ON "fine_tune_job_events" USING btree ("job_id","type","seq");