CREATE INDEX "audit_tenant_project_time_idx" ON "audit_events" USING btree ("tenant_id","project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_tenant_action_time_idx" ON "audit_events" USING btree ("tenant_id","action","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_tenant_resource_type_time_idx" ON "audit_events" USING btree ("tenant_id","resource_type","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_tenant_actor_id_time_idx" ON "audit_events" USING btree ("tenant_id","actor_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_tenant_actor_label_time_idx" ON "audit_events" USING btree ("tenant_id","actor_label","created_at","id");