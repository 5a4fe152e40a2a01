CREATE TABLE "login_throttle" (
	"ip" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_seq_uq" ON "audit_events" USING btree ("chain_seq");--> statement-breakpoint
-- Issue 15: the audit trail becomes a hash chain. One field of the hashed text: "-" for NULL, else its length in
-- UTF-8 bytes, ":" and the text (unambiguous whatever the text holds).
CREATE FUNCTION jixiao_audit_field(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN x IS NULL THEN '-' ELSE octet_length(x)::text || ':' || x END
$$;
--> statement-breakpoint
-- The hash of a row: SHA-256 (hex) of the previous row's hash, a newline, and the row's fields in a fixed order
-- (the timestamp in UTC with microseconds, JSON as PostgreSQL's canonical jsonb text). audit/chain.ts computes
-- the same text independently to verify.
CREATE FUNCTION jixiao_audit_hash(prev text, r audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    prev || chr(10)
    || jixiao_audit_field(r.chain_seq::text)
    || jixiao_audit_field(r.id::text)
    || jixiao_audit_field(to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    || jixiao_audit_field(r.actor_id::text)
    || jixiao_audit_field(r.actor_name)
    || jixiao_audit_field(r.org_id::text)
    || jixiao_audit_field(r.action)
    || jixiao_audit_field(r.entity_type)
    || jixiao_audit_field(r.entity_id)
    || jixiao_audit_field(r.before::text)
    || jixiao_audit_field(r.after::text)
    || jixiao_audit_field(r.ip)
    || jixiao_audit_field(r.details::text),
    'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Every new row joins the chain: under a transaction-long lock (so rows are chained in the order their
-- transactions commit), it takes the next number and hashes over the last row's hash.
CREATE FUNCTION jixiao_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev_seq bigint;
  prev_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7301150015);
  SELECT chain_seq, hash INTO prev_seq, prev_hash FROM audit_events
    WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
  NEW.chain_seq := coalesce(prev_seq, 0) + 1;
  NEW.hash := NULL;
  NEW.hash := jixiao_audit_hash(coalesce(prev_hash, repeat('0', 64)), NEW);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- The rows written before this migration are chained once, in id order (the append-only trigger is lifted for
-- this one statement inside the migration's transaction).
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
--> statement-breakpoint
DO $$
DECLARE
  r audit_events;
  prev text := repeat('0', 64);
  n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    n := n + 1;
    r.chain_seq := n;
    r.hash := jixiao_audit_hash(prev, r);
    UPDATE audit_events SET chain_seq = n, hash = r.hash WHERE id = r.id;
    prev := r.hash;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION jixiao_audit_chain();
