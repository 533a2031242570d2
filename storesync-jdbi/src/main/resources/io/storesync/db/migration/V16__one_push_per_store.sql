-- One push of a kind per store at a time (found by the TikTok Shop benchmark, issue 13).
-- A stock push reads each listing's quantity when it runs, so pushes are correct however many changes they
-- coalesce -- as long as they run one after the other. The dedupe key keeps one push per store waiting, but a new one
-- may be queued while the previous one runs; both then ran at once, and the older quantity could land on the
-- platform after the newer one (seen: 5 written after 4, the marks of both cleared, the shop left overstated until a
-- drift check). The claim now leaves a stock or price push waiting while the same store has one of its kind running
-- under a live lease; an expired lease (a dead worker) no longer holds it back, and the reaper takes it as before.
-- Only the claim changes: same signature, so grants stay as V6 gave them.

CREATE INDEX sync_jobs_running_push_idx ON sync_jobs (store_id, job_type)
    WHERE status = 'running' AND job_type IN ('stock.push', 'price.push');

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
      SELECT c.* FROM claimed c ORDER BY array_position(v_ids, c.id);
    END
    $$;
