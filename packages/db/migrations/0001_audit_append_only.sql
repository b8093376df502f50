-- Audit events are append-only: refuse UPDATE and DELETE at the database too, not only in code.
CREATE OR REPLACE FUNCTION infera_audit_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION infera_audit_events_append_only();
