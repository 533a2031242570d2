-- Per-store rate limits shared by every host instance (issue 11).
-- One row per (platform, store) bucket, written by Bucket4j's PostgreSQL proxy manager (SELECT ... FOR UPDATE).
--  * id is the SHA-256 (hex) of the platform and the store id: the table names no organization, store or platform.
--  * state is Bucket4j's serialized bucket (configuration, tokens left, last refill time); NULL only between the
--    INSERT ... ON CONFLICT DO NOTHING that creates a row and the first update in the same transaction.
-- No organization_id and so no row-level security: nothing in a row belongs to a tenant. The application role gets
-- only what Bucket4j issues (SELECT ... FOR UPDATE, INSERT, UPDATE); no DELETE, no TRUNCATE.
-- Runs as the owning role; ${applicationRole} is the role the host application's pool connects as.
CREATE TABLE rate_limit_buckets (
    id    text PRIMARY KEY CONSTRAINT rate_limit_buckets_id_is_sha256 CHECK (id ~ '^[0-9a-f]{64}$'),
    state bytea
);
COMMENT ON TABLE rate_limit_buckets IS
    'Token buckets shared by every instance; id = sha256(platform || newline || store id), state = Bucket4j bytes.';

GRANT SELECT, INSERT, UPDATE ON rate_limit_buckets TO ${applicationRole};
