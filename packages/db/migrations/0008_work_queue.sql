CREATE TABLE "work_items" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"lease_seconds" real NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"last_error" text,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "work_schedules" (
	"name" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"interval_seconds" integer NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_enqueued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "work_items_kind_idempotency_key_idx" ON "work_items" USING btree ("kind","idempotency_key") WHERE "work_items"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "work_items_ready_idx" ON "work_items" USING btree ("priority" DESC NULLS LAST,"run_after","id") WHERE "work_items"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "work_items_leased_idx" ON "work_items" USING btree ("lease_expires_at") WHERE "work_items"."status" = 'leased';--> statement-breakpoint
CREATE INDEX "work_items_finished_idx" ON "work_items" USING btree ("status","finished_at") WHERE "work_items"."finished_at" IS NOT NULL;