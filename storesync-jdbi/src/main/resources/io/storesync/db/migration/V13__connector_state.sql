-- What the connector kit needs the database to remember (issue 11).
--  * store_sync_state.authorization_expires_at: when the seller's consent itself lapses (Shopee: a year after it was
--    given), as the connector reported it when the store was authorised; distinct from credentials_expire_at, the
--    access token's expiry, which refreshes renew. A host lists the stores about to lapse to warn the seller.
--  * sync_jobs.checkpoint: where a paging job (the catalogue import) has got to, written in the same transaction as
--    the page it follows, so a retry resumes after the last stored page instead of starting again from the first.
--    An opaque platform cursor; bounded so a platform cannot make the row grow without limit.
-- Both tables already have row-level security and the application role's grants; new columns need nothing more.
ALTER TABLE store_sync_state ADD COLUMN authorization_expires_at timestamptz;
CREATE INDEX store_sync_state_authorization_expiry_idx ON store_sync_state (organization_id, authorization_expires_at)
    WHERE authorization_expires_at IS NOT NULL;

ALTER TABLE sync_jobs ADD COLUMN checkpoint text
    CONSTRAINT sync_jobs_checkpoint_length CHECK (octet_length(checkpoint) <= 8192);
