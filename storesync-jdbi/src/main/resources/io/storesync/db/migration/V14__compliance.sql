-- Compliance (issue 14): retention per data class for every organization, the audit trail, and what the purge
-- recorded. Runs as the owning role; ${applicationRole} is the role the host application's pool connects as.
--  * retention_settings: an organization's own horizons (NULL = the host's default) and when its next purge is due.
--  * retention_purges: what each purge removed (class, cutoff, rows, of which archived), kept as long as the audit trail.
--  * audit_events: one row per change made through the API. Append-only like the ledger: the application role may
--    SELECT and INSERT only, and a trigger refuses UPDATE, TRUNCATE and any DELETE that does not come from the
--    retention function below.
--  * purge_orders, purge_audit_events: SECURITY DEFINER, tenant-bound (current_organization_id()), bounded to 1,000
--    rows a call and with a floor the caller cannot lower, so the application role keeps no DELETE on orders
--    (V7) and none on the audit trail.
--  * enqueue_retention_jobs: the fan-out that gives EVERY organization (stores or not) one retention.purge job a day;
--    like enqueue_schedule_jobs it returns a count only.

CREATE TABLE retention_settings (
  organization_id UUID PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  orders_days INTEGER CONSTRAINT retention_settings_orders_positive CHECK (orders_days > 0),
  sync_logs_days INTEGER CONSTRAINT retention_settings_sync_logs_positive CHECK (sync_logs_days > 0),
  webhook_events_days INTEGER CONSTRAINT retention_settings_webhook_events_positive CHECK (webhook_events_days > 0),
  audit_trail_days INTEGER CONSTRAINT retention_settings_audit_trail_positive CHECK (audit_trail_days > 0),
  idempotency_keys_days INTEGER CONSTRAINT retention_settings_idempotency_keys_positive CHECK (idempotency_keys_days > 0),
  next_purge_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  updated_at TIMESTAMPTZ DEFAULT NOW() NOT NULL
);
CREATE INDEX retention_settings_due_idx ON retention_settings (next_purge_at);

CREATE TABLE retention_purges (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  data_class VARCHAR(40) NOT NULL,
  cutoff TIMESTAMPTZ NOT NULL,
  removed INTEGER NOT NULL,
  archived INTEGER DEFAULT 0 NOT NULL,
  purged_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT retention_purges_class_check CHECK (data_class IN
      ('orders', 'sync_logs', 'webhook_events', 'audit_trail', 'idempotency_keys')),
  CONSTRAINT retention_purges_counts CHECK (removed >= 0 AND archived >= 0 AND archived <= removed)
);
CREATE INDEX retention_purges_organization_idx ON retention_purges (organization_id, purged_at DESC);

CREATE TABLE audit_events (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  seq BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  occurred_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  actor_kind VARCHAR(20) NOT NULL,
  actor_id VARCHAR(255) NOT NULL,
  action VARCHAR(100) NOT NULL,
  entity_type VARCHAR(60),
  entity_id VARCHAR(255),
  changes JSONB DEFAULT '{}' NOT NULL,
  correlation_id VARCHAR(255),
  CONSTRAINT audit_events_seq_key UNIQUE (seq),
  CONSTRAINT audit_events_actor_kind_check CHECK (actor_kind IN ('member', 'system')),
  CONSTRAINT audit_events_changes_object CHECK (jsonb_typeof(changes) = 'object')
);
CREATE INDEX audit_events_entity_idx ON audit_events (organization_id, entity_type, entity_id, seq DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (organization_id, actor_kind, actor_id, seq DESC);
CREATE INDEX audit_events_time_idx ON audit_events (organization_id, occurred_at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('storesync.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

ALTER TABLE retention_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE retention_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON retention_settings
    USING (organization_id = (SELECT current_organization_id()))
    WITH CHECK (organization_id = (SELECT require_organization_id()));
ALTER TABLE retention_purges ENABLE ROW LEVEL SECURITY;
ALTER TABLE retention_purges FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON retention_purges
    USING (organization_id = (SELECT current_organization_id()))
    WITH CHECK (organization_id = (SELECT require_organization_id()));
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
    USING (organization_id = (SELECT current_organization_id()))
    WITH CHECK (organization_id = (SELECT require_organization_id()));

GRANT SELECT, INSERT, UPDATE ON retention_settings TO ${applicationRole};
GRANT SELECT, INSERT ON retention_purges, audit_events TO ${applicationRole};

-- Retention deletes sync logs, finished jobs, webhook events and idempotency keys oldest first, by age.
CREATE INDEX sync_logs_organization_created_idx ON sync_logs (organization_id, created_at);
CREATE INDEX sync_jobs_finished_idx ON sync_jobs (organization_id, completed_at)
    WHERE status IN ('completed', 'failed', 'cancelled');
CREATE INDEX stock_idempotency_keys_organization_created_idx ON stock_idempotency_keys (organization_id, created_at);

-- Deletes up to 1,000 of the current tenant's orders (their lines cascade) among p_ids that are finished (delivered,
-- completed, cancelled, returned), hold no reservation, and were ordered over a year ago: whatever the application
-- asks, it cannot delete an open or a recent order. The ledger keeps its rows (they reference the order by id only).
CREATE FUNCTION purge_orders(p_ids uuid[])
    RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      WITH gone AS (
        DELETE FROM orders o
         WHERE o.organization_id = current_organization_id()
           AND o.id = ANY (p_ids[1:1000])
           AND o.status IN ('delivered', 'completed', 'cancelled', 'returned')
           AND o.ordered_at < now() - interval '1 year'
           AND NOT EXISTS (SELECT 1 FROM order_items i WHERE i.organization_id = o.organization_id
                           AND i.order_id = o.id AND i.stock_stage = 'reserved')
        RETURNING 1)
      SELECT count(*)::integer FROM gone
    $$;

-- Deletes up to p_limit (at most 1,000) of the current tenant's audit rows (and purge records) older than p_before,
-- never any younger than a year whatever p_before says.
CREATE FUNCTION purge_audit_events(p_before timestamptz, p_limit integer)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
DECLARE
  v_org uuid := current_organization_id();
  v_before timestamptz := least(p_before, now() - interval '1 year');
  v_count integer;
BEGIN
  IF v_org IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM set_config('storesync.audit_purge', 'on', true);
  WITH doomed AS (
    SELECT id FROM audit_events WHERE organization_id = v_org AND occurred_at < v_before
     ORDER BY occurred_at LIMIT least(greatest(coalesce(p_limit, 1), 1), 1000)
       FOR UPDATE SKIP LOCKED),
  gone AS (DELETE FROM audit_events a USING doomed d WHERE a.id = d.id RETURNING 1)
  SELECT count(*)::integer INTO v_count FROM gone;
  PERFORM set_config('storesync.audit_purge', 'off', true);
  DELETE FROM retention_purges WHERE id IN (SELECT id FROM retention_purges
     WHERE organization_id = v_org AND purged_at < v_before LIMIT 1000);
  RETURN v_count;
END
$$;

-- The retention fan-out: one waiting retention.purge job (key 'retention.purge') for every organization whose
-- purge is due (no settings row yet counts as due), and its next purge moved a day on. Returns a count only.
-- The function reads every organization, so the owner gets read-only policies like V5's queue_functions on the two
-- tables it needs (organizations for SELECT only); the pool role, which may not be or belong to the owner, gains nothing.
CREATE POLICY queue_functions ON organizations FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY queue_functions ON retention_settings TO CURRENT_USER USING (true) WITH CHECK (true);

CREATE FUNCTION enqueue_retention_jobs(p_limit integer)
    RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      WITH due AS (
        SELECT o.id AS organization_id FROM organizations o
          LEFT JOIN retention_settings r ON r.organization_id = o.id
         WHERE (r.organization_id IS NULL OR r.next_purge_at <= now())
           AND NOT EXISTS (SELECT 1 FROM sync_jobs w WHERE w.organization_id = o.id
                           AND w.dedupe_key = 'retention.purge' AND w.status IN ('pending', 'retrying', 'running'))
         LIMIT least(greatest(coalesce(p_limit, 1), 1), 1000)),
      moved AS (
        INSERT INTO retention_settings (organization_id, next_purge_at)
        SELECT organization_id, now() + interval '1 day' FROM due
        ON CONFLICT (organization_id) DO UPDATE SET next_purge_at = EXCLUDED.next_purge_at
        RETURNING 1),
      queued AS (
        INSERT INTO sync_jobs (organization_id, job_type, status, priority, max_attempts, dedupe_key)
        SELECT organization_id, 'retention.purge', 'pending', 500, 3, 'retention.purge' FROM due
        ON CONFLICT (organization_id, dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'retrying')
        DO NOTHING
        RETURNING 1)
      SELECT count(*)::integer FROM queued
    $$;

REVOKE EXECUTE ON FUNCTION purge_orders(uuid[]), purge_audit_events(timestamptz, integer),
    enqueue_retention_jobs(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_orders(uuid[]), purge_audit_events(timestamptz, integer),
    enqueue_retention_jobs(integer) TO ${applicationRole};
