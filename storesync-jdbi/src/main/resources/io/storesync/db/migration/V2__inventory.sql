-- Inventory engine: stock propagation marks and idempotency keys of stock operations.

-- A variant whose available quantity changed and has not been pushed to its stores yet. Written in the same
-- transaction as the stock change (one row per variant, however many changes), so a burst of orders on one SKU
-- leaves one mark; the sync engine turns marks into coalesced stock pushes.
CREATE TABLE stock_changes (
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  product_variant_id UUID NOT NULL,
  changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, product_variant_id),
  CONSTRAINT stock_changes_variant_same_org FOREIGN KEY (organization_id, product_variant_id)
      REFERENCES product_variants (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX stock_changes_changed_at_idx ON stock_changes (changed_at);

-- An idempotency key claims its row in the operation's own transaction: a retry with the same key waits for the
-- first attempt and then finds its result; a failed first attempt leaves no key behind.
CREATE TABLE stock_idempotency_keys (
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  idempotency_key VARCHAR(255) NOT NULL,
  fingerprint TEXT NOT NULL,
  result JSONB,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, idempotency_key)
);
CREATE INDEX stock_idempotency_keys_created_at_idx ON stock_idempotency_keys (created_at);

-- Reorder report and allocation read items by organization and variant; this covers the report's scan.
CREATE INDEX inventory_items_reorder_idx ON inventory_items (organization_id)
    WHERE reorder_point > 0;

ALTER TABLE stock_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stock_changes
    USING (organization_id = (SELECT current_organization_id()))
    WITH CHECK (organization_id = (SELECT current_organization_id()));

ALTER TABLE stock_idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stock_idempotency_keys
    USING (organization_id = (SELECT current_organization_id()))
    WITH CHECK (organization_id = (SELECT current_organization_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON stock_changes, stock_idempotency_keys TO ${applicationRole};
