-- Lighter job updates (issue 17, queue throughput).
-- Every job row is updated twice (claim: waiting -> running; completion: running -> completed), and neither update
-- can be HOT: status is in the predicate of the queue's partial indexes and completed_at in the retention index. So
-- each update adds an entry to every index whose predicate the new version satisfies: before this migration six
-- indexes over all rows plus one partial (19.4 WAL records per no-op job, measured with pg_stat_wal; BENCHMARKS.md
-- "Job queue"). Three of the six were not worth that:
--
--  * sync_jobs_created_at_idx (created_at): no statement filters or orders jobs by created_at across tenants;
--    retention deletes by sync_jobs_finished_idx (V14), Jobs.list pages by sync_jobs_organization_created_idx (V17).
--  * sync_jobs_organization_status_idx (organization_id, status, created_at): no statement of the SDK reads a
--    tenant's jobs by status; the waiting ones have the partial indexes below, the running ones
--    sync_jobs_lease_idx, the finished ones sync_jobs_finished_idx.
--  * sync_jobs_store_idx (organization_id, store_id, job_type): the SDK reads a store's jobs by type only while they
--    wait (Jobs.cancelWaiting, the push window's pushEnded); a running push is found by V16's index, a finished one by
--    V19's. It becomes partial, on waiting jobs only, so claims and completions no longer write to it.
--
-- Left: the primary key and (organization_id, id), which the foreign keys from sync_logs need, and V17's keyset
-- index. Measured after: 13 WAL records per job. Nothing else changes; no function is replaced.

DROP INDEX sync_jobs_created_at_idx;
DROP INDEX sync_jobs_organization_status_idx;
DROP INDEX sync_jobs_store_idx;
CREATE INDEX sync_jobs_waiting_store_idx ON sync_jobs (organization_id, store_id, job_type)
    WHERE status IN ('pending', 'retrying');
