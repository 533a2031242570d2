-- StoreSync schema, version 6: the queue functions trust nobody (docs/trust-model.md explains the model).
--
--  * A claim hands out an unguessable lease token per job (lease_token); heartbeat, complete and release take
--    (id, token) pairs and touch only jobs whose token matches. A worker name is a label, no longer a credential.
--  * Sizes and leases are clamped inside the functions; worker names are validated.
--  * A release refunds the attempt at most three times per job (releases), so a claim/release loop cannot keep a
--    job from ever running: after that a release counts like a crash and the job ends visibly after max_attempts.
--  * Claims are fair across tenants: each claim first takes the first due job of each tenant in turn (a skip-scan
--    over a new index), then fills the batch by global priority. A claim takes only the job types its caller
--    knows, so a job type from a newer version waits for a worker that knows it, with no attempt burnt.
--  * Tenant ids never leave the database: organizations_with_stock_changes / organizations_with_due_schedules are
--    dropped; fan-out functions enqueue one maintenance job per tenant with due work and return only a count.
-- Runs as the owning role; ${applicationRole} is the role the host application's pool connects as.

-- The token is meaningful only while status = 'running': every function checks both, and a claim always writes a
-- fresh one, so a stale token left on a finished row (in-tenant cancel and failure paths do not clear it) opens
-- nothing. No CHECK ties it to the status for that reason.
ALTER TABLE sync_jobs
  ADD COLUMN lease_token UUID,
  ADD COLUMN releases INTEGER DEFAULT 0 NOT NULL,
  ADD CONSTRAINT sync_jobs_releases_non_negative CHECK (releases >= 0);

-- The fair claim's skip-scan: the tenants with waiting jobs, and each tenant's first job by priority, without
-- reading a flooding tenant's other rows.
CREATE INDEX sync_jobs_fair_idx ON sync_jobs (organization_id, priority, run_at) WHERE status IN ('pending', 'retrying');

-- Leases taken before this migration carry no token: they cannot be heart-beaten or completed any more, expire,
-- and are reaped like those of a dead worker (handlers are idempotent).

DROP FUNCTION claim_sync_jobs(text, integer, double precision);
DROP FUNCTION heartbeat_sync_jobs(text, uuid[], double precision);
DROP FUNCTION complete_sync_jobs(text, uuid[]);
DROP FUNCTION release_sync_jobs(text, uuid[]);
-- they handed any caller every tenant's id, and a tenant id plus set_config opens that tenant
DROP FUNCTION organizations_with_stock_changes(integer);
DROP FUNCTION organizations_with_due_schedules(integer);

-- Claims up to p_limit (1..500) due jobs of the types in p_types for p_worker, under a lease of p_lease_seconds
-- (5 s..1 h), each with a fresh token. Fair: first the first due job of each tenant in turn, starting at a random
-- tenant so no tenant is always first, visiting at most 2 × limit tenants; then the rest of the batch by global
-- priority. Returns the claimed rows (lease_token included) in that order. SKIP LOCKED lets concurrent claimers
-- pass each other; the row lock makes a double claim impossible. plpgsql: its plans are cached per session.
CREATE FUNCTION claim_sync_jobs(p_worker text, p_limit integer, p_lease_seconds double precision, p_types text[])
    RETURNS SETOF sync_jobs
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
    DECLARE
      v_limit integer := least(greatest(coalesce(p_limit, 1), 1), 500);
      -- NaN sorts above every number in PostgreSQL, so least() turns it into the maximum
      v_lease interval := make_interval(secs => least(greatest(coalesce(p_lease_seconds, 300), 5), 3600));
      v_ids uuid[] := '{}';
      v_start uuid := gen_random_uuid();
      v_org uuid := v_start;
      v_next uuid;
      v_id uuid;
      v_wrapped boolean := false;
      v_visits integer := 0;
    BEGIN
      IF p_worker IS NULL OR p_worker !~ '^[A-Za-z0-9._:@/+-]{1,200}$' THEN
        RAISE EXCEPTION 'worker name must be 1 to 200 characters of A-Z a-z 0-9 . _ : @ / + -' USING ERRCODE = '22023';
      END IF;
      IF p_types IS NULL OR cardinality(p_types) = 0 OR cardinality(p_types) > 100 THEN
        RAISE EXCEPTION 'job types must be 1 to 100 codes' USING ERRCODE = '22023';
      END IF;

      -- 1. one job per tenant, tenants in uuid order from a random point, wrapping once
      WHILE v_visits < 2 * v_limit AND cardinality(v_ids) < v_limit LOOP
        SELECT s.organization_id INTO v_next FROM sync_jobs s
         WHERE s.status IN ('pending', 'retrying') AND s.organization_id > v_org
         ORDER BY s.organization_id LIMIT 1;
        IF v_next IS NULL OR (v_wrapped AND v_next >= v_start) THEN
          EXIT WHEN v_wrapped;
          v_wrapped := true;
          v_org := '00000000-0000-0000-0000-000000000000';
          -- the nil uuid itself is never a tenant id (gen_random_uuid), so "greater than" misses nothing
          CONTINUE;
        END IF;
        v_org := v_next;
        v_visits := v_visits + 1;
        SELECT s.id INTO v_id FROM sync_jobs s
         WHERE s.organization_id = v_org AND s.status IN ('pending', 'retrying') AND s.run_at <= now()
           AND s.job_type = ANY (p_types)
         ORDER BY s.priority, s.run_at
         LIMIT 1
         FOR UPDATE SKIP LOCKED;
        IF FOUND THEN
          v_ids := v_ids || v_id;
        END IF;
      END LOOP;

      -- 2. the rest by global priority (rows this transaction already locked are not skipped by SKIP LOCKED, hence
      --    the explicit exclusion)
      IF cardinality(v_ids) < v_limit THEN
        v_ids := v_ids || ARRAY(
          SELECT s.id FROM sync_jobs s
           WHERE s.status IN ('pending', 'retrying') AND s.run_at <= now() AND s.job_type = ANY (p_types)
             AND s.id <> ALL (v_ids)
           ORDER BY s.priority, s.run_at
           LIMIT v_limit - cardinality(v_ids)
           FOR UPDATE SKIP LOCKED);
      END IF;

      RETURN QUERY
      WITH claimed AS (
        UPDATE sync_jobs j
           SET status = 'running', attempt = j.attempt + 1, lease_owner = p_worker, lease_token = gen_random_uuid(),
               lease_expires_at = now() + v_lease, heartbeat_at = now(), started_at = coalesce(j.started_at, now())
         WHERE j.id = ANY (v_ids)
        RETURNING j.*)
      SELECT c.* FROM claimed c ORDER BY array_position(v_ids, c.id);
    END
    $$;

-- Extends the leases presented as (p_ids[i], p_tokens[i]) pairs, by p_lease_seconds (5 s..1 h); returns the ids it
-- extended, so the worker learns which it lost. An id without its token is ignored. Rows are locked in id order, as
-- in complete and release: a worker heart-beats jobs that its completer is completing at the same moment, and two
-- batches locking the same rows in different orders deadlock.
CREATE FUNCTION heartbeat_sync_jobs(p_ids uuid[], p_tokens uuid[], p_lease_seconds double precision)
    RETURNS SETOF uuid
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
    BEGIN
      IF cardinality(p_ids) > 2000 THEN
        RAISE EXCEPTION 'at most 2000 leases per call' USING ERRCODE = '22023';
      END IF;
      RETURN QUERY
      WITH held AS (
        SELECT s.id FROM sync_jobs s JOIN unnest(p_ids, p_tokens) AS l(id, token) ON s.id = l.id AND s.lease_token = l.token
         WHERE s.status = 'running'
         ORDER BY s.id
         FOR UPDATE OF s)
      UPDATE sync_jobs j
         SET lease_expires_at = now() + make_interval(secs => least(greatest(coalesce(p_lease_seconds, 300), 5), 3600)),
             heartbeat_at = now()
        FROM held
       WHERE j.id = held.id
      RETURNING j.id;
    END
    $$;

-- Completes, in one statement, the jobs presented with their tokens; returns those it completed. A job whose lease
-- was lost meanwhile is left to its new holder. Maintenance jobs (schedules.due, stock.coalesce) are deleted
-- instead: one per tenant per tick would otherwise pile up as history nobody reads.
CREATE FUNCTION complete_sync_jobs(p_ids uuid[], p_tokens uuid[])
    RETURNS SETOF uuid
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
    BEGIN
      IF cardinality(p_ids) > 2000 THEN
        RAISE EXCEPTION 'at most 2000 leases per call' USING ERRCODE = '22023';
      END IF;
      RETURN QUERY
      WITH held AS (
        SELECT s.id, s.job_type IN ('schedules.due', 'stock.coalesce') AS maintenance
          FROM sync_jobs s JOIN unnest(p_ids, p_tokens) AS l(id, token) ON s.id = l.id AND s.lease_token = l.token
         WHERE s.status = 'running'
         ORDER BY s.id
         FOR UPDATE OF s),
      gone AS (
        DELETE FROM sync_jobs j USING held
         WHERE j.id = held.id AND held.maintenance
        RETURNING j.id),
      done AS (
        UPDATE sync_jobs j
           SET status = 'completed', outcome = 'succeeded', completed_at = now(), lease_owner = NULL,
               lease_expires_at = NULL, lease_token = NULL, error_message = NULL
          FROM held
         WHERE j.id = held.id AND NOT held.maintenance
        RETURNING j.id)
      SELECT gone.id FROM gone UNION ALL SELECT done.id FROM done;
    END
    $$;

-- Hands back jobs presented with their tokens that the worker will not finish (graceful shutdown, a deploy). The
-- first three releases of a job refund its attempt; later ones count it, as a crash would, and a job released on
-- its last attempt fails (exhausted) instead of going round again: a claim/release loop ends, visibly, after at
-- most max_attempts + 3 claims. A job whose key a waiting job already carries is superseded. Returns how many.
CREATE FUNCTION release_sync_jobs(p_ids uuid[], p_tokens uuid[])
    RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
    DECLARE
      j record;
      n integer := 0;
      v_refund boolean;
    BEGIN
      IF cardinality(p_ids) > 2000 THEN
        RAISE EXCEPTION 'at most 2000 leases per call' USING ERRCODE = '22023';
      END IF;
      FOR j IN SELECT s.id, s.organization_id, s.dedupe_key, s.attempt, s.max_attempts, s.releases
                 FROM sync_jobs s JOIN unnest(p_ids, p_tokens) AS l(id, token) ON s.id = l.id AND s.lease_token = l.token
                WHERE s.status = 'running'
                ORDER BY s.id
                FOR UPDATE OF s
      LOOP
        v_refund := j.releases < 3;
        IF j.dedupe_key IS NOT NULL AND EXISTS (SELECT 1 FROM sync_jobs d WHERE d.organization_id = j.organization_id
                AND d.dedupe_key = j.dedupe_key AND d.status IN ('pending', 'retrying')) THEN
          UPDATE sync_jobs SET status = 'cancelled', outcome = 'superseded', completed_at = now(), lease_owner = NULL,
                 lease_expires_at = NULL, lease_token = NULL,
                 error_message = 'released; a waiting job with the same key does its work'
           WHERE id = j.id;
        ELSIF NOT v_refund AND j.attempt >= j.max_attempts THEN
          UPDATE sync_jobs SET status = 'failed', outcome = 'exhausted', completed_at = now(), lease_owner = NULL,
                 lease_expires_at = NULL, lease_token = NULL, releases = j.releases + 1,
                 error_message = 'released without finishing ' || (j.releases + 1) || ' times; gave up after '
                     || j.attempt || ' of ' || j.max_attempts || ' attempt(s)'
           WHERE id = j.id;
        ELSE
          UPDATE sync_jobs
             SET status = CASE WHEN v_refund AND j.attempt <= 1 THEN 'pending' ELSE 'retrying' END,
                 attempt = CASE WHEN v_refund THEN greatest(j.attempt - 1, 0) ELSE j.attempt END,
                 releases = j.releases + 1, lease_owner = NULL, lease_expires_at = NULL, lease_token = NULL, run_at = now()
           WHERE id = j.id;
        END IF;
        n := n + 1;
      END LOOP;
      RETURN n;
    END
    $$;

-- As in V5, plus: the batch is clamped (1..1000) and the token cleared with the lease. Returns a count only.
CREATE OR REPLACE FUNCTION reap_sync_jobs(p_limit integer)
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
                LIMIT least(greatest(coalesce(p_limit, 1), 1), 1000)
                FOR UPDATE SKIP LOCKED
      LOOP
        IF j.dedupe_key IS NOT NULL AND EXISTS (SELECT 1 FROM sync_jobs d WHERE d.organization_id = j.organization_id
                AND d.dedupe_key = j.dedupe_key AND d.status IN ('pending', 'retrying')) THEN
          UPDATE sync_jobs SET status = 'cancelled', outcome = 'superseded', completed_at = now(), lease_owner = NULL,
                 lease_expires_at = NULL, lease_token = NULL, error_message = 'lease of ' || j.lease_owner
                 || ' expired; a waiting job with the same key does its work'
           WHERE id = j.id;
        ELSIF j.attempt >= j.max_attempts THEN
          UPDATE sync_jobs SET status = 'failed', outcome = 'exhausted', completed_at = now(), lease_owner = NULL,
                 lease_expires_at = NULL, lease_token = NULL, error_message = 'lease of ' || j.lease_owner
                 || ' expired on the last attempt (' || j.attempt || ' of ' || j.max_attempts || ')'
           WHERE id = j.id;
        ELSE
          UPDATE sync_jobs SET status = 'retrying', run_at = now(), lease_owner = NULL, lease_expires_at = NULL,
                 lease_token = NULL, retry_count = retry_count + 1,
                 error_message = 'lease of ' || j.lease_owner || ' expired (worker stopped heart-beating)'
           WHERE id = j.id;
        END IF;
        n := n + 1;
      END LOOP;
      RETURN n;
    END
    $$;

-- The fan-out: one waiting schedules.due job (key 'maintenance.schedules') per tenant with an active, authorised
-- store whose schedule is due, for up to p_limit (1..1000) tenants. The job then runs in its tenant like any other.
-- Returns how many jobs it enqueued, never which tenants. A tenant that already has one waiting is skipped by the
-- dedupe index.
CREATE FUNCTION enqueue_schedule_jobs(p_limit integer)
    RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      WITH due AS (
        SELECT DISTINCT s.organization_id
          FROM store_sync_state s
          JOIN stores st ON st.organization_id = s.organization_id AND st.id = s.store_id
         WHERE s.next_due_at <= now() AND st.is_active AND st.sync_status IN ('active', 'syncing', 'error')
           AND NOT EXISTS (SELECT 1 FROM sync_jobs w WHERE w.organization_id = s.organization_id
                           AND w.dedupe_key = 'maintenance.schedules' AND w.status IN ('pending', 'retrying'))
         LIMIT least(greatest(coalesce(p_limit, 1), 1), 1000)),
      queued AS (
        INSERT INTO sync_jobs (organization_id, job_type, status, priority, max_attempts, dedupe_key)
        SELECT due.organization_id, 'schedules.due', 'pending', 10, 3, 'maintenance.schedules' FROM due
        ON CONFLICT (organization_id, dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'retrying')
        DO NOTHING
        RETURNING 1)
      SELECT count(*)::integer FROM queued
    $$;

-- The fan-out for stock: one waiting stock.coalesce job (key 'maintenance.stock') per tenant with inventory changes
-- not yet turned into pushes. Priority 40, ahead of the pushes (50) it produces. Returns a count only.
CREATE FUNCTION enqueue_stock_coalesce_jobs(p_limit integer)
    RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      WITH changed AS (
        SELECT DISTINCT c.organization_id
          FROM stock_changes c
         WHERE NOT EXISTS (SELECT 1 FROM sync_jobs w WHERE w.organization_id = c.organization_id
                           AND w.dedupe_key = 'maintenance.stock' AND w.status IN ('pending', 'retrying'))
         LIMIT least(greatest(coalesce(p_limit, 1), 1), 1000)),
      queued AS (
        INSERT INTO sync_jobs (organization_id, job_type, status, priority, max_attempts, dedupe_key)
        SELECT changed.organization_id, 'stock.coalesce', 'pending', 40, 3, 'maintenance.stock' FROM changed
        ON CONFLICT (organization_id, dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'retrying')
        DO NOTHING
        RETURNING 1)
      SELECT count(*)::integer FROM queued
    $$;

REVOKE EXECUTE ON FUNCTION claim_sync_jobs(text, integer, double precision, text[]),
    heartbeat_sync_jobs(uuid[], uuid[], double precision), complete_sync_jobs(uuid[], uuid[]),
    release_sync_jobs(uuid[], uuid[]), enqueue_schedule_jobs(integer), enqueue_stock_coalesce_jobs(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_sync_jobs(text, integer, double precision, text[]),
    heartbeat_sync_jobs(uuid[], uuid[], double precision), complete_sync_jobs(uuid[], uuid[]),
    release_sync_jobs(uuid[], uuid[]), enqueue_schedule_jobs(integer), enqueue_stock_coalesce_jobs(integer)
    TO ${applicationRole};
