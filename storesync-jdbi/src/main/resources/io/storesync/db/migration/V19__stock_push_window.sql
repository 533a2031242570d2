-- The stock push window (issue 17): a store's next stock push starts no sooner than one window after its last one
-- ended. Before queuing a push, the coalescer reads when the store's last push finished; this index makes that one
-- short backward scan instead of a walk over every push the store ever ran (finished pushes stay until the
-- retention purge, one per window under steady load). Only finished stock pushes are in it.
CREATE INDEX sync_jobs_stock_push_finished_idx ON sync_jobs (store_id, completed_at)
    WHERE job_type = 'stock.push' AND completed_at IS NOT NULL;
