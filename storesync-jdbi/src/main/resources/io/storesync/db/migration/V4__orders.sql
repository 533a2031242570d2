-- Unified orders: what idempotent, order-insensitive ingestion needs beyond the seed's columns.

ALTER TABLE orders
  ADD COLUMN platform_status VARCHAR(100),
  ADD COLUMN platform_updated_at TIMESTAMPTZ,
  ADD COLUMN has_unmapped_lines BOOLEAN DEFAULT FALSE NOT NULL,
  ADD COLUMN shortfall_quantity INTEGER DEFAULT 0 NOT NULL,
  ADD CONSTRAINT orders_shortfall_non_negative CHECK (shortfall_quantity >= 0);

-- TikTok Shop's PARTIALLY_SHIPPING has a unified status of its own
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('unpaid', 'on_hold', 'awaiting_shipment',
    'partially_shipped', 'shipped', 'delivered', 'completed', 'cancel_requested', 'cancelled', 'return_requested',
    'returned', 'unknown'));

-- A line keeps its identity across snapshots of its order through the platform's line id; its stock stage says
-- which effect it has had (the quantities themselves are summed from the ledger rows that reference it).
ALTER TABLE order_items
  ADD COLUMN platform_line_id VARCHAR(255),
  ADD COLUMN stock_stage VARCHAR(20) DEFAULT 'none' NOT NULL,
  ADD COLUMN shortfall_quantity INTEGER DEFAULT 0 NOT NULL,
  ADD COLUMN updated_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  ADD CONSTRAINT order_items_line_key UNIQUE (organization_id, order_id, platform_line_id),
  ADD CONSTRAINT order_items_stock_stage_check
      CHECK (stock_stage IN ('none', 'reserved', 'committed', 'released', 'returned')),
  ADD CONSTRAINT order_items_shortfall_non_negative CHECK (shortfall_quantity >= 0);
CREATE TRIGGER order_items_touch BEFORE UPDATE ON order_items FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- the sellers' to-do list: orders with unmapped lines or a stock shortfall
CREATE INDEX orders_attention_idx ON orders (organization_id, ordered_at DESC)
    WHERE has_unmapped_lines OR shortfall_quantity > 0;

-- Ingestion reads what each order line holds from the ledger rows that reference it. Leading with reference_id
-- makes that lookup one index probe per line whatever the statistics say; the V1 index led with organization_id
-- and reference_type, which on a young table (no statistics yet) the planner took as selective and then filtered
-- every ledger row of the organization.
DROP INDEX inventory_transactions_reference_idx;
CREATE INDEX inventory_transactions_reference_idx ON inventory_transactions (reference_id, reference_type)
    WHERE reference_id IS NOT NULL;
