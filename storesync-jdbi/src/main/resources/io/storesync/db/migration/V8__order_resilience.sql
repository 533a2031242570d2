-- Two updates of one order within one platform timestamp (Shopee and TikTok Shop report whole seconds) are told
-- apart by a precedence the engine computes: one byte of status rank, then a SHA-256 of the snapshot's content.
-- The newest-snapshot rule compares (platform_updated_at, snapshot_precedence) in the order upsert; rows stored
-- before this have none, and any snapshot of their time may replace them.
ALTER TABLE orders ADD COLUMN snapshot_precedence BYTEA;
