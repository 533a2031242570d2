-- StoreSync schema, version 5: the sync engine (docs/sync-engine.md explains the design).
--
--  * sync_jobs becomes a durable queue: run_at, priority, lease (owner, expiry, heartbeat), attempt / max_attempts,
--    a dedupe key unique among waiting jobs, and an outcome.
--  * store_sync_state: per-store schedules, the order-poll watermark, credential expiry; stock_push_pending: the
--    coalesced "this store must be told about this variant" marks; listing_sync_state: what was last pushed.
--  * webhook_events gains what an idempotent inbox needs (store, dedupe key, raw body, headers, status).
--  * Cross-tenant queue work (claim, heartbeat, reap, release, webhook routing, finding tenants with due work) goes
--    through SECURITY DEFINER functions owned by the migrating role. A second policy on the tables they touch lets
--    that role (and so only those functions, for the application role) see across tenants; the application role
--    itself still sees only the tenant of its transaction.
-- Runs as the owning role; ${applicationRole} is the role the host application's pool connects as.

-- ---------------------------------------------------------------------------------------------------------------
-- The job queue

ALTER TABLE sync_jobs
  ADD COLUMN run_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  ADD COLUMN priority SMALLINT DEFAULT 100 NOT NULL,
  ADD COLUMN attempt INTEGER DEFAULT 0 NOT NULL,
  ADD COLUMN max_attempts INTEGER DEFAULT 5 NOT NULL,
  ADD COLUMN lease_owner VARCHAR(200),
  ADD COLUMN lease_expires_at TIMESTAMPTZ,
  ADD COLUMN heartbeat_at TIMESTAMPTZ,
  ADD COLUMN dedupe_key VARCHAR(255),
  ADD COLUMN outcome VARCHAR(50),
  ADD CONSTRAINT sync_jobs_priority_range CHECK (priority BETWEEN 0 AND 1000),
  ADD CONSTRAINT sync_jobs_attempts_check CHECK (attempt >= 0 AND max_attempts >= 1),
  -- a running job always has a lease and nothing else does: a lease can never outlive its run
  ADD CONSTRAINT sync_jobs_lease_check CHECK ((status = 'running') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL)),
  ADD CONSTRAINT sync_jobs_outcome_check CHECK (outcome IN
      ('succeeded', 'exhausted', 'rejected', 'credentials_rejected', 'cancelled', 'superseded'));

-- what workers fetch: only waiting jobs are in it, so finished jobs cost the claim nothing
CREATE INDEX sync_jobs_fetch_idx ON sync_jobs (priority, run_at) WHERE status IN ('pending', 'retrying');
-- what the reaper scans
CREATE INDEX sync_jobs_lease_idx ON sync_jobs (lease_expires_at) WHERE status = 'running';
-- at most one waiting job per key (for example one order poll per store), whichever instance enqueues it
CREATE UNIQUE INDEX sync_jobs_dedupe_key ON sync_jobs (organization_id, dedupe_key)
    WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'retrying');
-- every claim and completion is an update: vacuum the queue early so dead tuples do not slow the claim
ALTER TABLE sync_jobs SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);

-- ---------------------------------------------------------------------------------------------------------------
-- Per-store sync state and schedules

CREATE TABLE store_sync_state (
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  store_id UUID NOT NULL,
  orders_watermark TIMESTAMPTZ NOT NULL,
  next_order_poll_at TIMESTAMPTZ NOT NULL,
  next_catalog_reconcile_at TIMESTAMPTZ NOT NULL,
  credentials_expire_at TIMESTAMPTZ,
  next_credentials_refresh_at TIMESTAMPTZ,
  next_due_at TIMESTAMPTZ GENERATED ALWAYS AS
      (LEAST(next_order_poll_at, next_catalog_reconcile_at, next_credentials_refresh_at)) STORED,
  last_error TEXT,
  updated_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  PRIMARY KEY (organization_id, store_id),
  CONSTRAINT store_sync_state_store_same_org FOREIGN KEY (organization_id, store_id)
      REFERENCES stores (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX store_sync_state_due_idx ON store_sync_state (next_due_at);
CREATE TRIGGER store_sync_state_touch BEFORE UPDATE ON store_sync_state FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- "this store must be told the current stock of this variant"; version grows with every new mark, so a push
-- deletes only the marks it has read and a mark made during the push survives for the next one
CREATE TABLE stock_push_pending (
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  store_id UUID NOT NULL,
  product_variant_id UUID NOT NULL,
  version BIGINT DEFAULT 1 NOT NULL,
  marked_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  PRIMARY KEY (organization_id, store_id, product_variant_id),
  CONSTRAINT stock_push_pending_store_same_org FOREIGN KEY (organization_id, store_id)
      REFERENCES stores (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT stock_push_pending_variant_same_org FOREIGN KEY (organization_id, product_variant_id)
      REFERENCES product_variants (organization_id, id) ON DELETE CASCADE
);

-- what StoreSync last told a platform about a listing, and what the platform last reported
CREATE TABLE listing_sync_state (
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  store_product_mapping_id UUID NOT NULL,
  pushed_quantity INTEGER,
  quantity_pushed_at TIMESTAMPTZ,
  pushed_price DECIMAL(12,2),
  price_pushed_at TIMESTAMPTZ,
  reported_quantity INTEGER,
  reported_at TIMESTAMPTZ,
  last_error TEXT,
  PRIMARY KEY (organization_id, store_product_mapping_id),
  CONSTRAINT listing_sync_state_mapping_same_org FOREIGN KEY (organization_id, store_product_mapping_id)
      REFERENCES store_product_mappings (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT listing_sync_state_quantities_non_negative CHECK (pushed_quantity >= 0 AND reported_quantity >= 0)
);

-- ---------------------------------------------------------------------------------------------------------------
-- The webhook inbox

ALTER TABLE webhook_events
  ADD COLUMN store_id UUID,
  ADD COLUMN dedupe_key VARCHAR(255),
  ADD COLUMN headers JSONB,
  ADD COLUMN raw_body BYTEA,
  ADD COLUMN status VARCHAR(20) DEFAULT 'pending' NOT NULL,
  ADD CONSTRAINT webhook_events_store_same_org FOREIGN KEY (organization_id, store_id)
      REFERENCES stores (organization_id, id) ON DELETE CASCADE,
  ADD CONSTRAINT webhook_events_status_check CHECK (status IN ('pending', 'processed', 'failed')),
  ADD CONSTRAINT webhook_events_headers_object CHECK (jsonb_typeof(headers) = 'object');
-- a delivery is stored once: the platform's event id when it has one, else the body's digest
CREATE UNIQUE INDEX webhook_events_dedupe_key ON webhook_events (organization_id, store_id, dedupe_key)
    WHERE dedupe_key IS NOT NULL;
CREATE INDEX webhook_events_status_idx ON webhook_events (organization_id, status, created_at);

-- ---------------------------------------------------------------------------------------------------------------
-- Row-level security for the new tables, as for every tenant table

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['store_sync_state', 'stock_push_pending', 'listing_sync_state']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (organization_id = (SELECT current_organization_id())) '
                   'WITH CHECK (organization_id = (SELECT current_organization_id()))', t);
  END LOOP;
END $$;

-- The cross-tenant door: the migrating role (the owner of the functions below) may see every tenant's rows of the
-- few tables the queue functions read. The application role gets no such policy; it reaches across tenants only by
-- calling those functions, each of which does one narrow thing. Superusers and BYPASSRLS roles are not involved.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sync_jobs', 'stores', 'webhook_endpoints', 'stock_changes', 'store_sync_state']
  LOOP
    EXECUTE format('CREATE POLICY queue_functions ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------------------------
-- Queue functions. SECURITY DEFINER with a pinned search_path (pg_temp last, so no temporary object can shadow a
-- table); EXECUTE is revoked from PUBLIC and granted to the application role only.

-- Claims up to p_limit due jobs for p_worker with a lease of p_lease_seconds; SKIP LOCKED lets concurrent claimers
-- (threads or JVMs) pass each other instead of waiting, and the row lock makes a double claim impossible.
-- plpgsql, not sql: its plan is cached per session instead of re-planned on every claim.
CREATE FUNCTION claim_sync_jobs(p_worker text, p_limit integer, p_lease_seconds double precision)
    RETURNS SETOF sync_jobs
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
    BEGIN
      RETURN QUERY
      WITH due AS (
        SELECT j.id FROM sync_jobs j
         WHERE j.status IN ('pending', 'retrying') AND j.run_at <= now()
         ORDER BY j.priority, j.run_at
         LIMIT p_limit
         FOR UPDATE SKIP LOCKED)
      UPDATE sync_jobs j
         SET status = 'running', attempt = j.attempt + 1, lease_owner = p_worker,
             lease_expires_at = now() + make_interval(secs => p_lease_seconds), heartbeat_at = now(),
             started_at = coalesce(j.started_at, now())
        FROM due
       WHERE j.id = due.id
      RETURNING j.*;
    END
    $$;

-- Extends the leases p_worker still holds among p_ids; returns those ids, so the worker learns which it lost.
CREATE FUNCTION heartbeat_sync_jobs(p_worker text, p_ids uuid[], p_lease_seconds double precision)
    RETURNS SETOF uuid
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      UPDATE sync_jobs SET lease_expires_at = now() + make_interval(secs => p_lease_seconds), heartbeat_at = now()
       WHERE id = ANY (p_ids) AND status = 'running' AND lease_owner = p_worker
      RETURNING id
    $$;

-- Completes, in one statement, the jobs p_worker still holds among p_ids (a batch completer: one round trip for
-- many jobs); returns those it completed. A job whose lease was lost meanwhile is left to its new holder.
CREATE FUNCTION complete_sync_jobs(p_worker text, p_ids uuid[])
    RETURNS SETOF uuid
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      UPDATE sync_jobs SET status = 'completed', outcome = 'succeeded', completed_at = now(), lease_owner = NULL,
             lease_expires_at = NULL, error_message = NULL
       WHERE id = ANY (p_ids) AND status = 'running' AND lease_owner = p_worker
      RETURNING id
    $$;

-- Hands back jobs p_worker holds but will not finish (graceful shutdown) without counting the attempt.
CREATE FUNCTION release_sync_jobs(p_worker text, p_ids uuid[])
    RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      WITH released AS (
        UPDATE sync_jobs j
           SET status = CASE WHEN j.attempt > 1 THEN 'retrying' ELSE 'pending' END,
               attempt = greatest(j.attempt - 1, 0), lease_owner = NULL, lease_expires_at = NULL, run_at = now()
         WHERE j.id = ANY (p_ids) AND j.status = 'running' AND j.lease_owner = p_worker
           AND NOT EXISTS (SELECT 1 FROM sync_jobs d WHERE d.organization_id = j.organization_id
                           AND d.dedupe_key = j.dedupe_key AND d.status IN ('pending', 'retrying'))
        RETURNING 1),
      superseded AS (
        UPDATE sync_jobs j
           SET status = 'cancelled', outcome = 'superseded', completed_at = now(), lease_owner = NULL,
               lease_expires_at = NULL, error_message = 'released at shutdown; a waiting job with the same key does its work'
         WHERE j.id = ANY (p_ids) AND j.status = 'running' AND j.lease_owner = p_worker
           AND EXISTS (SELECT 1 FROM sync_jobs d WHERE d.organization_id = j.organization_id
                       AND d.dedupe_key = j.dedupe_key AND d.status IN ('pending', 'retrying'))
        RETURNING 1)
      SELECT (SELECT count(*) FROM released)::integer + (SELECT count(*) FROM superseded)::integer
    $$;

-- Hands expired leases back (the worker died or lost its connection): the job retries, is superseded by a waiting
-- job with the same key, or fails when that was its last attempt. Returns how many leases it took back.
CREATE FUNCTION reap_sync_jobs(p_limit integer)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
    DECLARE
      j record;
      n integer := 0;
    BEGIN
      FOR j IN SELECT s.id, s.organization_id, s.dedupe_key, s.attempt, s.max_attempts, s.lease_owner
                 FROM sync_jobs s
                WHERE s.status = 'running' AND s.lease_expires_at < now()
                ORDER BY s.lease_expires_at
                LIMIT p_limit
                FOR UPDATE SKIP LOCKED
      LOOP
        IF j.dedupe_key IS NOT NULL AND EXISTS (SELECT 1 FROM sync_jobs d WHERE d.organization_id = j.organization_id
                AND d.dedupe_key = j.dedupe_key AND d.status IN ('pending', 'retrying')) THEN
          UPDATE sync_jobs SET status = 'cancelled', outcome = 'superseded', completed_at = now(), lease_owner = NULL,
                 lease_expires_at = NULL, error_message = 'lease of ' || j.lease_owner
                 || ' expired; a waiting job with the same key does its work'
           WHERE id = j.id;
        ELSIF j.attempt >= j.max_attempts THEN
          UPDATE sync_jobs SET status = 'failed', outcome = 'exhausted', completed_at = now(), lease_owner = NULL,
                 lease_expires_at = NULL, error_message = 'lease of ' || j.lease_owner
                 || ' expired on the last attempt (' || j.attempt || ' of ' || j.max_attempts || ')'
           WHERE id = j.id;
        ELSE
          UPDATE sync_jobs SET status = 'retrying', run_at = now(), lease_owner = NULL, lease_expires_at = NULL,
                 retry_count = retry_count + 1,
                 error_message = 'lease of ' || j.lease_owner || ' expired (worker stopped heart-beating)'
           WHERE id = j.id;
        END IF;
        n := n + 1;
      END LOOP;
      RETURN n;
    END
    $$;

-- Webhook routing happens before the tenant is known (the endpoint id is in the URL the platform calls).
CREATE FUNCTION route_webhook_endpoint(p_endpoint uuid)
    RETURNS TABLE (organization_id uuid, store_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      SELECT e.organization_id, e.store_id FROM webhook_endpoints e
       WHERE e.id = p_endpoint AND e.is_active
    $$;

-- Tenants with inventory changes not yet turned into stock pushes.
CREATE FUNCTION organizations_with_stock_changes(p_limit integer)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      SELECT DISTINCT c.organization_id FROM stock_changes c LIMIT p_limit
    $$;

-- Tenants with an active, authorised store whose schedule is due.
CREATE FUNCTION organizations_with_due_schedules(p_limit integer)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      SELECT DISTINCT s.organization_id
        FROM store_sync_state s
        JOIN stores st ON st.organization_id = s.organization_id AND st.id = s.store_id
       WHERE s.next_due_at <= now() AND st.is_active
         AND st.sync_status IN ('active', 'syncing', 'error')
       LIMIT p_limit
    $$;

REVOKE EXECUTE ON FUNCTION claim_sync_jobs(text, integer, double precision), heartbeat_sync_jobs(text, uuid[], double precision),
    complete_sync_jobs(text, uuid[]),
    release_sync_jobs(text, uuid[]), reap_sync_jobs(integer), route_webhook_endpoint(uuid),
    organizations_with_stock_changes(integer), organizations_with_due_schedules(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_sync_jobs(text, integer, double precision), heartbeat_sync_jobs(text, uuid[], double precision),
    complete_sync_jobs(text, uuid[]),
    release_sync_jobs(text, uuid[]), reap_sync_jobs(integer), route_webhook_endpoint(uuid),
    organizations_with_stock_changes(integer), organizations_with_due_schedules(integer) TO ${applicationRole};

GRANT SELECT, INSERT, UPDATE, DELETE ON store_sync_state, stock_push_pending, listing_sync_state TO ${applicationRole};
