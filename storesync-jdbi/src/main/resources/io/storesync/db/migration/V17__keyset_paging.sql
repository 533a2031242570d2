-- Keyset paging (issue 10 item 19). Jobs.list reads a tenant's jobs newest first and continues below the last
-- (created_at, id) it returned. No index led with (organization_id, created_at): every page sorted all of the
-- tenant's jobs, which retention keeps for weeks (EXPLAIN: Sort over a Bitmap Heap Scan of the tenant's rows).
-- With this one a page is an index range read of page size + 1 rows. The other paged lists already have theirs
-- (products (organization_id, sku), the unique listing key, orders (organization_id, ordered_at DESC)).

CREATE INDEX sync_jobs_organization_created_idx ON sync_jobs (organization_id, created_at DESC, id DESC);
