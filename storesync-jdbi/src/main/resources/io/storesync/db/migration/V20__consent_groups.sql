-- The stores of one consent share its credentials (issue 13). One TikTok Shop consent grants several shops, each a
-- store, with one access token and one refresh token for all of them; a refresh returns a new refresh token and kills
-- the old one. Refreshing the stores one by one spent the token for the others: the first store's refresh left the
-- second holding a dead token, and it was flagged for re-authorisation (within one process the connector hid this by
-- remembering the answer; two host instances could not).
--  * stores.authorization_group: a random id shared by every store one consent created or re-authorised; null for
--    stores connected with credentials the host collected itself. A refresh of one store of a group takes one
--    advisory lock for the group and stores the new credentials for all of its stores.
-- stores already has row-level security and the application role's grants; a new column needs nothing more.
ALTER TABLE stores ADD COLUMN authorization_group uuid;
CREATE INDEX stores_authorization_group_idx ON stores (organization_id, authorization_group)
    WHERE authorization_group IS NOT NULL;
