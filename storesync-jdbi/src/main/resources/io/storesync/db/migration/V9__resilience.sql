-- Resilience of the queue (issue 10, item 15).
--  * A throttled run hands its attempt back; reschedules counts how often, so the engine can count one after a bound
--    instead of letting a job the platform never lets through wait forever.
--  * The reaper gave an expired lease's job back with run_at = now(): a job that kills or stalls its worker was
--    claimed again at once, over and over. It now waits 5 s doubling per attempt, at most 5 minutes.
ALTER TABLE sync_jobs
  ADD COLUMN reschedules INTEGER DEFAULT 0 NOT NULL,
  ADD CONSTRAINT sync_jobs_reschedules_non_negative CHECK (reschedules >= 0);

-- As in V6, plus the backoff above.
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
          UPDATE sync_jobs SET status = 'retrying',
                 run_at = now() + make_interval(secs => least(5 * power(2, least(greatest(j.attempt, 1) - 1, 10)), 300)),
                 lease_owner = NULL, lease_expires_at = NULL,
                 lease_token = NULL, retry_count = retry_count + 1,
                 error_message = 'lease of ' || j.lease_owner || ' expired (worker stopped heart-beating)'
           WHERE id = j.id;
        END IF;
        n := n + 1;
      END LOOP;
      RETURN n;
    END
    $$;
