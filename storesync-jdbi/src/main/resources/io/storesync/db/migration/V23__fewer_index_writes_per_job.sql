-- Fewer index writes per job (issue 17, queue throughput: StoreSync at 2x db-scheduler).
--
-- A no-op job costs the database two updates of its row, the claim and the completion, and neither can be HOT
-- (status is in the queue's partial indexes), so each adds an entry to every index over all rows. perf on the
-- embedded PostgreSQL 17 running "claim 128, complete them" in a loop: ExecInsertIndexTuples was 47% of the
-- backend's time, a third of it bottom-up deletion of the versions those entries leave behind (BENCHMARKS.md,
-- "Queue: fewer index writes per job"). Three changes, measured on the same copy of the schema (pgbench, 250 loops
-- of 128 jobs, 40,000 waiting): 12.1 ms a loop before, about 9 after; WAL records per job 14 -> 11.
--
-- 1. UNIQUE (organization_id, id) on sync_jobs is gone: its only use was the target of sync_logs' composite foreign
--    key, and it cost a fifth of a job's index writes (-15% of a loop alone). docs/schema.md's rule -- a child row can
--    never point at another tenant's parent -- still holds for sync_logs: the seed's own foreign key
--    (sync_job_id -> sync_jobs.id, ON DELETE CASCADE) keeps existence and cascade, and a trigger refuses a log whose
--    job belongs to another organization, with the same SQLSTATE (23503) and constraint name as the composite key
--    it replaces. A job never changes organization (the tenant policy's WITH CHECK pins it for the application role;
--    no owner function writes the column), so checking at the log's insert or update is enough. SECURITY DEFINER so
--    the check sees the job whatever the writer's row policies hide, and it answers only "refused".
-- 2. complete_sync_jobs updates the held rows in one statement instead of locking them first and updating them
--    after: one row lock record and one primary-key lookup less per job. The rows must still be locked in id order,
--    the order heartbeat_sync_jobs and release_sync_jobs use, so that a heartbeat and a completion of the same worker
--    never wait on each other in a cycle. An UPDATE locks rows in the order its join produces them, so the function
--    leaves the planner only joins and scans that produce id order: the presented leases sorted by id, the jobs read
--    through the primary key (id = ANY, no sequential or bitmap scan), joined by a merge or hash join (no nested
--    loop). The nested loop also had to go for speed: statistics taken while no job ran estimate one held row, and
--    a nested loop over all jobs against 1,000 presented leases took 300 ms; the merge join takes 24-40 ms for the
--    same 1,000 updates. The maintenance jobs (schedules.due, stock.coalesce) are deleted after, already locked.
--    Same signature and result.
-- 3. claim_sync_jobs returns the claimed rows in claim order through unnest(...) WITH ORDINALITY instead of sorting
--    by array_position, which is quadratic in the batch. Otherwise V16's function unchanged.
--
-- Grants stay as V6 gave them (same signatures).

ALTER TABLE sync_logs DROP CONSTRAINT sync_logs_job_same_org;
ALTER TABLE sync_jobs DROP CONSTRAINT sync_jobs_org_id_key;

CREATE FUNCTION sync_logs_job_same_org() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM sync_jobs j WHERE j.id = NEW.sync_job_id AND j.organization_id = NEW.organization_id) THEN
    RAISE EXCEPTION 'insert or update on table "sync_logs" violates foreign key constraint "sync_logs_job_same_org"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'sync_logs_job_same_org', TABLE = 'sync_logs';
  END IF;
  RETURN NEW;
END
$$;
REVOKE EXECUTE ON FUNCTION sync_logs_job_same_org() FROM PUBLIC;
CREATE TRIGGER sync_logs_job_same_org BEFORE INSERT OR UPDATE OF organization_id, sync_job_id ON sync_logs
    FOR EACH ROW EXECUTE FUNCTION sync_logs_job_same_org();

CREATE OR REPLACE FUNCTION complete_sync_jobs(p_ids uuid[], p_tokens uuid[])
    RETURNS SETOF uuid
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    -- every join and scan left yields the rows in id order (see 2. above), none costs (presented x rows)
    SET enable_nestloop = off
    SET enable_seqscan = off
    SET enable_bitmapscan = off
    AS $$
    DECLARE
      v_done uuid[];
      v_maintenance uuid[];
    BEGIN
      IF cardinality(p_ids) > 2000 THEN
        RAISE EXCEPTION 'at most 2000 leases per call' USING ERRCODE = '22023';
      END IF;
      WITH done AS (
        UPDATE sync_jobs j
           SET status = 'completed', outcome = 'succeeded', completed_at = now(), lease_owner = NULL,
               lease_expires_at = NULL, lease_token = NULL, error_message = NULL
          FROM (SELECT l.id, l.token FROM unnest(p_ids, p_tokens) AS l(id, token) ORDER BY l.id) l
         WHERE j.id = ANY (p_ids) AND j.id = l.id AND j.lease_token = l.token
           AND j.lease_owner IS NOT NULL AND j.lease_expires_at IS NOT NULL
        RETURNING j.id, j.job_type IN ('schedules.due', 'stock.coalesce') AS maintenance)
      SELECT array_agg(done.id), array_agg(done.id) FILTER (WHERE done.maintenance)
        INTO v_done, v_maintenance FROM done;
      -- upkeep jobs run every few seconds: keeping them would only fill the table
      IF v_maintenance IS NOT NULL THEN
        DELETE FROM sync_jobs WHERE id = ANY (v_maintenance);
      END IF;
      RETURN QUERY SELECT unnest(v_done);
    END
    $$;

CREATE OR REPLACE FUNCTION claim_sync_jobs(p_worker text, p_limit integer, p_lease_seconds double precision, p_types text[])
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
           AND NOT (s.job_type IN ('stock.push', 'price.push') AND EXISTS (
                 SELECT 1 FROM sync_jobs r
                  WHERE r.store_id = s.store_id AND r.job_type = s.job_type AND r.status = 'running'
                    AND r.lease_expires_at > now()))
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
             AND NOT (s.job_type IN ('stock.push', 'price.push') AND EXISTS (
                       SELECT 1 FROM sync_jobs r
                        WHERE r.store_id = s.store_id AND r.job_type = s.job_type AND r.status = 'running'
                          AND r.lease_expires_at > now()))
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
      SELECT c.* FROM claimed c JOIN unnest(v_ids) WITH ORDINALITY AS o(id, n) ON o.id = c.id ORDER BY o.n;
    END
    $$;
