ALTER TABLE "evaluation_gate_rules" ADD COLUMN "prompts" jsonb;--> statement-breakpoint
ALTER TABLE "evaluation_samples" ADD COLUMN "regression" jsonb;