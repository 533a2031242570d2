-- Fleet-wide counts for a host's health probe and operations endpoint (the Spring Boot starter's actuator). The
-- application role sees one tenant at a time through row-level security; a probe must see the whole queue without
-- acting as any tenant. This SECURITY DEFINER function returns aggregates only: no organization, store, order or job
-- ids, no error text, nothing a tenant could read of another tenant.
--
-- Rows are (metric, label, value):
--   jobs            '<job_type>:<status>'   count of jobs per type and status (completed/cancelled left out)
--   oldest_due      ''                      seconds since the oldest due pending/retrying job's run_at (0 when none)
--   stores          '<sync_status>'         count of active stores per sync status
--
-- It reads only sync_jobs and stores, the tables V5's queue_functions policy already opens to the owner of these
-- functions; webhook events and orders stay behind row-level security (no new cross-tenant door for a probe).
CREATE FUNCTION operations_overview()
    RETURNS TABLE (metric text, label text, value bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      SELECT 'jobs', job_type || ':' || status, count(*)
        FROM sync_jobs WHERE status IN ('pending', 'running', 'retrying', 'failed')
       GROUP BY job_type, status
      UNION ALL
      SELECT 'oldest_due', '', coalesce(floor(extract(epoch FROM now() - min(run_at)))::bigint, 0)
        FROM sync_jobs WHERE status IN ('pending', 'retrying') AND run_at <= now()
      UNION ALL
      SELECT 'stores', sync_status, count(*) FROM stores WHERE is_active GROUP BY sync_status
    $$;

REVOKE EXECUTE ON FUNCTION operations_overview() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION operations_overview() TO ${applicationRole};
