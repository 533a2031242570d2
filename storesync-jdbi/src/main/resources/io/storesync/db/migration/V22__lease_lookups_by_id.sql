-- Completions, heartbeats and releases find the presented leases by primary key (issue 17, queue throughput).
--
-- The three functions of V6 joined the presented (id, token) pairs to sync_jobs under "status = 'running'". That
-- predicate is the one of the partial lease index (sync_jobs_lease_idx), and statistics taken while nothing runs --
-- a queue analysed while idle, as after a VACUUM ANALYZE -- estimate one running row. The planner then read every
-- running job through that index and compared each with every presented pair: one completion cost (running jobs) x
-- (jobs completed), measured 144 ms for 500 jobs among 1,000 running against 1.4 ms by primary key. On a busy worker
-- that grows with itself: the jobs waiting to be completed are still running, so a slower completion makes a larger
-- batch and a larger running set, and the queue's throughput fell by half between runs (BENCHMARKS.md, "Job queue").
--
-- A job holds a lease exactly while it runs (sync_jobs_lease_check: status = 'running' if and only if lease_owner and
-- lease_expires_at are set), so the functions now ask for the lease columns instead of the status. That says the same
-- of every row, but no partial index's predicate follows from it, so each presented id is one primary-key lookup
-- whatever the statistics say. Same signatures, results and lock order (id order); grants stay as V6 gave them.

CREATE OR REPLACE FUNCTION heartbeat_sync_jobs(p_ids uuid[], p_tokens uuid[], p_lease_seconds double precision)
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
         WHERE s.lease_owner IS NOT NULL AND s.lease_expires_at IS NOT NULL
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

CREATE OR REPLACE FUNCTION complete_sync_jobs(p_ids uuid[], p_tokens uuid[])
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
         WHERE s.lease_owner IS NOT NULL AND s.lease_expires_at IS NOT NULL
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

CREATE OR REPLACE FUNCTION release_sync_jobs(p_ids uuid[], p_tokens uuid[])
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
                WHERE s.lease_owner IS NOT NULL AND s.lease_expires_at IS NOT NULL
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
