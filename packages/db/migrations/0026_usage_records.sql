CREATE TABLE "usage_minutes" (
	"minute" timestamp with time zone NOT NULL,
	"tenant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"api_key_id" text,
	"service_id" text,
	"revision_id" text,
	"model_version_id" text,
	"endpoint" text NOT NULL,
	"status_code" integer NOT NULL,
	"requests" bigint NOT NULL,
	"streamed_requests" bigint NOT NULL,
	"prompt_tokens" bigint NOT NULL,
	"completion_tokens" bigint NOT NULL,
	"latency_ms_sum" double precision NOT NULL,
	"latency_ms_max" double precision NOT NULL,
	"latency_buckets" bigint[] NOT NULL,
	"ttft_count" bigint NOT NULL,
	"ttft_ms_sum" double precision NOT NULL,
	"ttft_ms_max" double precision,
	"tpot_count" bigint NOT NULL,
	"tpot_ms_sum" double precision NOT NULL,
	"cost_estimate_sum" numeric(20, 8) NOT NULL,
	"priced_requests" bigint NOT NULL,
	CONSTRAINT "usage_minutes_group_key" UNIQUE NULLS NOT DISTINCT("minute","project_id","api_key_id","service_id","revision_id","model_version_id","endpoint","status_code")
);
--> statement-breakpoint
CREATE TABLE "usage_records" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"tenant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"api_key_id" text,
	"service_id" text,
	"revision_id" text,
	"model_version_id" text,
	"endpoint" text NOT NULL,
	"status_code" integer NOT NULL,
	"prompt_tokens" integer NOT NULL,
	"completion_tokens" integer NOT NULL,
	"latency_ms" double precision NOT NULL,
	"ttft_ms" double precision,
	"tpot_ms" double precision,
	"cost_estimate" numeric(18, 8),
	"streamed" boolean NOT NULL,
	"shipped_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "usage_records_project_at_idx" ON "usage_records" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "usage_records_key_at_idx" ON "usage_records" USING btree ("api_key_id","at");--> statement-breakpoint
CREATE INDEX "usage_records_at_idx" ON "usage_records" USING btree ("at");