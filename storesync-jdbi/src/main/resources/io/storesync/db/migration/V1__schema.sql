-- StoreSync schema, version 1: every table and column of the seed document (docs/schema.md explains the additions).
--
-- Additions beyond the seed, each for a reason:
--  * organization_id on every tenant table, so row-level security is one column comparison and the schema can be
--    distributed by tenant; composite foreign keys (organization_id, parent_id) so no row can point at another
--    tenant's parent (plain FK checks bypass RLS).
--  * CHECK constraints for the value sets the seed names, non-negative quantities and money, currency codes.
--  * inventory_transactions.reserved_change: the ledger records reservations too, so that both counters of an
--    inventory item can be rebuilt from it (sum(quantity_change) = on hand, sum(reserved_change) = reserved).
--  * products.search_document: the full-text search vector over name and description, indexed with GIN.
-- Runs as the owning role; ${applicationRole} is the role the host application's pool connects as.

CREATE FUNCTION current_organization_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('storesync.organization_id', true), '')::uuid $$;
COMMENT ON FUNCTION current_organization_id() IS
    'The tenant of the current transaction, set with set_config(''storesync.organization_id'', id, true); NULL when unset.';

CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

-- ---------------------------------------------------------------------------------------------------------------
-- Core tables

CREATE TABLE organizations (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name VARCHAR(255) NOT NULL,
  slug VARCHAR(100) UNIQUE NOT NULL,
  settings JSONB DEFAULT '{}' NOT NULL,
  subscription_plan VARCHAR(50) DEFAULT 'free' NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  updated_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT organizations_name_not_blank CHECK (btrim(name) <> ''),
  CONSTRAINT organizations_slug_format CHECK (slug ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
  CONSTRAINT organizations_settings_object CHECK (jsonb_typeof(settings) = 'object')
);

CREATE TABLE users (
  id UUID PRIMARY KEY, -- identity provider (Clerk) user id
  organization_id UUID REFERENCES organizations(id) ON DELETE CASCADE NOT NULL,
  email VARCHAR(255) UNIQUE NOT NULL,
  full_name VARCHAR(255),
  role VARCHAR(50) DEFAULT 'member' NOT NULL,
  is_active BOOLEAN DEFAULT TRUE NOT NULL,
  last_active_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  updated_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT users_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT users_role_check CHECK (role IN ('owner', 'admin', 'member', 'viewer'))
);

CREATE TABLE platforms (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name VARCHAR(100) NOT NULL, -- 'shopee', 'tiktok_shop', 'custom_website'
  display_name VARCHAR(255) NOT NULL,
  is_active BOOLEAN DEFAULT TRUE NOT NULL,
  api_config JSONB DEFAULT '{}' NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT platforms_name_key UNIQUE (name)
);

CREATE TABLE stores (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID REFERENCES organizations(id) ON DELETE CASCADE NOT NULL,
  platform_id UUID REFERENCES platforms(id) NOT NULL,
  name VARCHAR(255) NOT NULL,
  platform_store_id VARCHAR(255) NOT NULL,
  credentials JSONB NOT NULL, -- Encrypted
  settings JSONB DEFAULT '{}' NOT NULL,
  sync_status VARCHAR(50) DEFAULT 'active' NOT NULL,
  last_sync_at TIMESTAMPTZ,
  is_active BOOLEAN DEFAULT TRUE NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  updated_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT stores_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT stores_platform_store_key UNIQUE (organization_id, platform_id, platform_store_id),
  CONSTRAINT stores_sync_status_check
      CHECK (sync_status IN ('active', 'paused', 'syncing', 'error', 'reauthorization_required', 'disconnected'))
);

-- ---------------------------------------------------------------------------------------------------------------
-- Product management

CREATE TABLE products (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID REFERENCES organizations(id) ON DELETE CASCADE NOT NULL,
  sku VARCHAR(255) NOT NULL,
  name VARCHAR(500) NOT NULL,
  description TEXT,
  category VARCHAR(255),
  brand VARCHAR(255),
  cost_price DECIMAL(12,2),
  weight DECIMAL(8,2),
  dimensions JSONB,
  images JSONB DEFAULT '[]' NOT NULL,
  attributes JSONB DEFAULT '{}' NOT NULL,
  is_active BOOLEAN DEFAULT TRUE NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  updated_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  search_document TSVECTOR GENERATED ALWAYS AS
      (to_tsvector('simple', name || ' ' || coalesce(description, ''))) STORED,
  UNIQUE(organization_id, sku),
  CONSTRAINT products_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT products_sku_not_blank CHECK (btrim(sku) <> ''),
  CONSTRAINT products_cost_price_non_negative CHECK (cost_price >= 0),
  CONSTRAINT products_weight_non_negative CHECK (weight >= 0),
  CONSTRAINT products_images_array CHECK (jsonb_typeof(images) = 'array'),
  CONSTRAINT products_attributes_object CHECK (jsonb_typeof(attributes) = 'object')
);

CREATE TABLE product_variants (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  product_id UUID REFERENCES products(id) ON DELETE CASCADE NOT NULL,
  variant_sku VARCHAR(255) NOT NULL,
  name VARCHAR(255),
  attributes JSONB DEFAULT '{}' NOT NULL,
  cost_price DECIMAL(12,2),
  weight DECIMAL(8,2),
  images JSONB DEFAULT '[]' NOT NULL,
  is_active BOOLEAN DEFAULT TRUE NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  updated_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  UNIQUE(product_id, variant_sku),
  CONSTRAINT product_variants_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT product_variants_product_same_org FOREIGN KEY (organization_id, product_id)
      REFERENCES products (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT product_variants_sku_not_blank CHECK (btrim(variant_sku) <> ''),
  CONSTRAINT product_variants_cost_price_non_negative CHECK (cost_price >= 0),
  CONSTRAINT product_variants_weight_non_negative CHECK (weight >= 0),
  CONSTRAINT product_variants_images_array CHECK (jsonb_typeof(images) = 'array'),
  CONSTRAINT product_variants_attributes_object CHECK (jsonb_typeof(attributes) = 'object')
);

CREATE TABLE store_product_mappings (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  store_id UUID REFERENCES stores(id) ON DELETE CASCADE NOT NULL,
  product_variant_id UUID REFERENCES product_variants(id) ON DELETE CASCADE NOT NULL,
  platform_product_id VARCHAR(255) NOT NULL,
  platform_variant_id VARCHAR(255),
  platform_sku VARCHAR(255),
  price DECIMAL(12,2) NOT NULL,
  compare_at_price DECIMAL(12,2),
  is_active BOOLEAN DEFAULT TRUE NOT NULL,
  last_sync_at TIMESTAMPTZ,
  sync_status VARCHAR(50) DEFAULT 'pending' NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  updated_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT store_product_mappings_org_id_key UNIQUE (organization_id, id),
  -- one listing per platform product/variant per store; a product without variants has a NULL variant id
  CONSTRAINT store_product_mappings_listing_key
      UNIQUE NULLS NOT DISTINCT (organization_id, store_id, platform_product_id, platform_variant_id),
  CONSTRAINT store_product_mappings_store_same_org FOREIGN KEY (organization_id, store_id)
      REFERENCES stores (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT store_product_mappings_variant_same_org FOREIGN KEY (organization_id, product_variant_id)
      REFERENCES product_variants (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT store_product_mappings_price_non_negative CHECK (price >= 0),
  CONSTRAINT store_product_mappings_compare_at_price_non_negative CHECK (compare_at_price >= 0),
  CONSTRAINT store_product_mappings_sync_status_check
      CHECK (sync_status IN ('pending', 'syncing', 'synced', 'error', 'unmatched'))
);

-- ---------------------------------------------------------------------------------------------------------------
-- Inventory management

CREATE TABLE inventory_locations (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID REFERENCES organizations(id) ON DELETE CASCADE NOT NULL,
  name VARCHAR(255) NOT NULL,
  address JSONB,
  is_default BOOLEAN DEFAULT FALSE NOT NULL,
  is_active BOOLEAN DEFAULT TRUE NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT inventory_locations_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT inventory_locations_name_not_blank CHECK (btrim(name) <> ''),
  CONSTRAINT inventory_locations_default_is_active CHECK (NOT is_default OR is_active)
);
-- exactly one default location per organization (at most one by index; the engine keeps one)
CREATE UNIQUE INDEX inventory_locations_one_default ON inventory_locations (organization_id) WHERE is_default;

CREATE TABLE inventory_items (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  product_variant_id UUID REFERENCES product_variants(id) ON DELETE CASCADE NOT NULL,
  location_id UUID REFERENCES inventory_locations(id) ON DELETE CASCADE NOT NULL,
  quantity_on_hand INTEGER DEFAULT 0 NOT NULL,
  quantity_reserved INTEGER DEFAULT 0 NOT NULL,
  reorder_point INTEGER DEFAULT 0 NOT NULL,
  reorder_quantity INTEGER DEFAULT 0 NOT NULL,
  updated_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  UNIQUE(product_variant_id, location_id),
  CONSTRAINT inventory_items_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT inventory_items_variant_same_org FOREIGN KEY (organization_id, product_variant_id)
      REFERENCES product_variants (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT inventory_items_location_same_org FOREIGN KEY (organization_id, location_id)
      REFERENCES inventory_locations (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT inventory_items_on_hand_non_negative CHECK (quantity_on_hand >= 0),
  CONSTRAINT inventory_items_reserved_non_negative CHECK (quantity_reserved >= 0),
  -- available = on hand - reserved never goes below zero
  CONSTRAINT inventory_items_reserved_within_on_hand CHECK (quantity_reserved <= quantity_on_hand),
  CONSTRAINT inventory_items_reorder_point_non_negative CHECK (reorder_point >= 0),
  CONSTRAINT inventory_items_reorder_quantity_non_negative CHECK (reorder_quantity >= 0)
);

CREATE TABLE inventory_transactions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  inventory_item_id UUID REFERENCES inventory_items(id) ON DELETE CASCADE NOT NULL,
  transaction_type VARCHAR(50) NOT NULL,
  quantity_change INTEGER NOT NULL,
  reserved_change INTEGER DEFAULT 0 NOT NULL,
  reference_type VARCHAR(50),
  reference_id UUID,
  notes TEXT,
  created_by UUID REFERENCES users(id),
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT inventory_transactions_item_same_org FOREIGN KEY (organization_id, inventory_item_id)
      REFERENCES inventory_items (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT inventory_transactions_user_same_org FOREIGN KEY (organization_id, created_by)
      REFERENCES users (organization_id, id),
  CONSTRAINT inventory_transactions_type_check CHECK (transaction_type IN
      ('receive', 'adjust', 'count', 'transfer_in', 'transfer_out', 'reserve', 'release', 'commit', 'restock')),
  CONSTRAINT inventory_transactions_changes_something CHECK (quantity_change <> 0 OR reserved_change <> 0)
);

-- The ledger is append-only. Rows leave only when their inventory item (or organization) is deleted, through the
-- foreign keys' cascades, which run one trigger level down; a direct UPDATE, DELETE or TRUNCATE raises.
CREATE FUNCTION inventory_transactions_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'inventory_transactions is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation', HINT = 'Record a compensating transaction instead.';
END
$$;
CREATE TRIGGER inventory_transactions_no_update BEFORE UPDATE ON inventory_transactions
    FOR EACH ROW EXECUTE FUNCTION inventory_transactions_append_only();
CREATE TRIGGER inventory_transactions_no_delete BEFORE DELETE ON inventory_transactions
    FOR EACH ROW EXECUTE FUNCTION inventory_transactions_append_only();
CREATE TRIGGER inventory_transactions_no_truncate BEFORE TRUNCATE ON inventory_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION inventory_transactions_append_only();

-- ---------------------------------------------------------------------------------------------------------------
-- Order management

CREATE TABLE orders (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID REFERENCES organizations(id) ON DELETE CASCADE NOT NULL,
  store_id UUID REFERENCES stores(id) NOT NULL,
  platform_order_id VARCHAR(255) NOT NULL,
  order_number VARCHAR(255),
  customer_info JSONB NOT NULL,
  status VARCHAR(50) NOT NULL,
  financial_status VARCHAR(50),
  fulfillment_status VARCHAR(50),
  subtotal DECIMAL(12,2) NOT NULL,
  tax_amount DECIMAL(12,2) DEFAULT 0 NOT NULL,
  shipping_amount DECIMAL(12,2) DEFAULT 0 NOT NULL,
  discount_amount DECIMAL(12,2) DEFAULT 0 NOT NULL,
  total_amount DECIMAL(12,2) NOT NULL,
  currency VARCHAR(3) DEFAULT 'IDR' NOT NULL,
  platform_data JSONB DEFAULT '{}' NOT NULL,
  notes TEXT,
  tags TEXT[],
  ordered_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  updated_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  UNIQUE(store_id, platform_order_id),
  CONSTRAINT orders_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT orders_store_same_org FOREIGN KEY (organization_id, store_id) REFERENCES stores (organization_id, id),
  CONSTRAINT orders_status_check CHECK (status IN ('unpaid', 'on_hold', 'awaiting_shipment', 'shipped',
      'delivered', 'completed', 'cancel_requested', 'cancelled', 'return_requested', 'returned', 'unknown')),
  CONSTRAINT orders_financial_status_check CHECK (financial_status IN
      ('pending', 'paid', 'partially_refunded', 'refunded', 'voided')),
  CONSTRAINT orders_fulfillment_status_check CHECK (fulfillment_status IN
      ('unfulfilled', 'partially_fulfilled', 'fulfilled', 'returned')),
  CONSTRAINT orders_subtotal_non_negative CHECK (subtotal >= 0),
  CONSTRAINT orders_tax_amount_non_negative CHECK (tax_amount >= 0),
  CONSTRAINT orders_shipping_amount_non_negative CHECK (shipping_amount >= 0),
  CONSTRAINT orders_discount_amount_non_negative CHECK (discount_amount >= 0),
  CONSTRAINT orders_total_amount_non_negative CHECK (total_amount >= 0),
  CONSTRAINT orders_currency_format CHECK (currency ~ '^[A-Z]{3}$')
);

CREATE TABLE order_items (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  order_id UUID REFERENCES orders(id) ON DELETE CASCADE NOT NULL,
  product_variant_id UUID REFERENCES product_variants(id),
  platform_product_id VARCHAR(255),
  platform_variant_id VARCHAR(255),
  name VARCHAR(500) NOT NULL,
  sku VARCHAR(255),
  quantity INTEGER NOT NULL,
  price DECIMAL(12,2) NOT NULL,
  total_amount DECIMAL(12,2) NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT order_items_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT order_items_order_same_org FOREIGN KEY (organization_id, order_id)
      REFERENCES orders (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT order_items_variant_same_org FOREIGN KEY (organization_id, product_variant_id)
      REFERENCES product_variants (organization_id, id),
  CONSTRAINT order_items_quantity_non_negative CHECK (quantity >= 0),
  CONSTRAINT order_items_price_non_negative CHECK (price >= 0),
  CONSTRAINT order_items_total_amount_non_negative CHECK (total_amount >= 0)
);

-- ---------------------------------------------------------------------------------------------------------------
-- Synchronization

CREATE TABLE sync_jobs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID REFERENCES organizations(id) ON DELETE CASCADE NOT NULL,
  store_id UUID REFERENCES stores(id),
  job_type VARCHAR(100) NOT NULL,
  status VARCHAR(50) NOT NULL,
  started_at TIMESTAMPTZ,
  completed_at TIMESTAMPTZ,
  items_total INTEGER DEFAULT 0 NOT NULL,
  items_processed INTEGER DEFAULT 0 NOT NULL,
  items_failed INTEGER DEFAULT 0 NOT NULL,
  error_message TEXT,
  retry_count INTEGER DEFAULT 0 NOT NULL,
  metadata JSONB DEFAULT '{}' NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT sync_jobs_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT sync_jobs_store_same_org FOREIGN KEY (organization_id, store_id)
      REFERENCES stores (organization_id, id),
  CONSTRAINT sync_jobs_status_check
      CHECK (status IN ('pending', 'running', 'retrying', 'completed', 'failed', 'cancelled')),
  CONSTRAINT sync_jobs_items_non_negative CHECK (items_total >= 0 AND items_processed >= 0 AND items_failed >= 0),
  CONSTRAINT sync_jobs_retry_count_non_negative CHECK (retry_count >= 0)
);

CREATE TABLE sync_logs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  sync_job_id UUID REFERENCES sync_jobs(id) ON DELETE CASCADE NOT NULL,
  level VARCHAR(20) NOT NULL,
  message TEXT NOT NULL,
  details JSONB,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT sync_logs_job_same_org FOREIGN KEY (organization_id, sync_job_id)
      REFERENCES sync_jobs (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT sync_logs_level_check CHECK (level IN ('debug', 'info', 'warn', 'error'))
);

-- ---------------------------------------------------------------------------------------------------------------
-- Webhooks

CREATE TABLE webhook_endpoints (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  store_id UUID REFERENCES stores(id) ON DELETE CASCADE NOT NULL,
  platform_webhook_id VARCHAR(255),
  event_types TEXT[] NOT NULL,
  url VARCHAR(500) NOT NULL,
  secret VARCHAR(255),
  is_active BOOLEAN DEFAULT TRUE NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT webhook_endpoints_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT webhook_endpoints_store_same_org FOREIGN KEY (organization_id, store_id)
      REFERENCES stores (organization_id, id) ON DELETE CASCADE
);

CREATE TABLE webhook_events (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  webhook_endpoint_id UUID REFERENCES webhook_endpoints(id),
  event_type VARCHAR(100) NOT NULL,
  payload JSONB NOT NULL,
  processed BOOLEAN DEFAULT FALSE NOT NULL,
  processed_at TIMESTAMPTZ,
  error_message TEXT,
  retry_count INTEGER DEFAULT 0 NOT NULL,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  CONSTRAINT webhook_events_endpoint_same_org FOREIGN KEY (organization_id, webhook_endpoint_id)
      REFERENCES webhook_endpoints (organization_id, id),
  CONSTRAINT webhook_events_retry_count_non_negative CHECK (retry_count >= 0)
);

-- ---------------------------------------------------------------------------------------------------------------
-- Indexes: organization-leading for tenant queries (the RLS predicate and the query's own become one index
-- condition), time and status indexes, the seed's composite indexes, and full-text search on products.

CREATE INDEX users_organization_idx ON users (organization_id, email);
CREATE INDEX stores_organization_platform_idx ON stores (organization_id, platform_id);
CREATE INDEX stores_active_idx ON stores (organization_id, is_active);
CREATE INDEX products_organization_active_idx ON products (organization_id, is_active);
CREATE INDEX products_organization_category_idx ON products (organization_id, category);
CREATE INDEX products_organization_brand_idx ON products (organization_id, brand);
CREATE INDEX products_updated_at_idx ON products (organization_id, updated_at);
CREATE INDEX products_search_idx ON products USING gin (search_document);
CREATE INDEX product_variants_organization_sku_idx ON product_variants (organization_id, variant_sku);
CREATE INDEX product_variants_product_sku_idx ON product_variants (product_id, variant_sku);
CREATE INDEX store_product_mappings_variant_idx ON store_product_mappings (organization_id, product_variant_id);
CREATE INDEX store_product_mappings_store_sku_idx ON store_product_mappings (organization_id, store_id, platform_sku);
CREATE INDEX store_product_mappings_sync_status_idx ON store_product_mappings (organization_id, sync_status);
CREATE INDEX inventory_locations_organization_idx ON inventory_locations (organization_id, is_active);
CREATE INDEX inventory_items_variant_location_idx ON inventory_items (product_variant_id, location_id);
CREATE INDEX inventory_items_organization_variant_idx ON inventory_items (organization_id, product_variant_id);
CREATE INDEX inventory_items_location_idx ON inventory_items (organization_id, location_id);
CREATE INDEX inventory_transactions_item_idx ON inventory_transactions (organization_id, inventory_item_id, created_at);
CREATE INDEX inventory_transactions_reference_idx ON inventory_transactions (organization_id, reference_type, reference_id);
CREATE INDEX inventory_transactions_created_at_idx ON inventory_transactions (created_at);
CREATE INDEX orders_organization_ordered_at_idx ON orders (organization_id, ordered_at DESC);
CREATE INDEX orders_organization_status_idx ON orders (organization_id, status);
CREATE INDEX orders_store_ordered_at_idx ON orders (organization_id, store_id, ordered_at DESC);
CREATE INDEX orders_updated_at_idx ON orders (organization_id, updated_at);
CREATE INDEX order_items_order_idx ON order_items (organization_id, order_id);
CREATE INDEX order_items_variant_idx ON order_items (organization_id, product_variant_id);
CREATE INDEX sync_jobs_organization_status_idx ON sync_jobs (organization_id, status, created_at);
CREATE INDEX sync_jobs_store_idx ON sync_jobs (organization_id, store_id, job_type);
CREATE INDEX sync_jobs_created_at_idx ON sync_jobs (created_at);
CREATE INDEX sync_logs_job_idx ON sync_logs (organization_id, sync_job_id, created_at);
CREATE INDEX sync_logs_created_at_idx ON sync_logs (created_at);
CREATE INDEX webhook_endpoints_store_idx ON webhook_endpoints (organization_id, store_id);
CREATE INDEX webhook_events_organization_idx ON webhook_events (organization_id, processed, created_at);
CREATE INDEX webhook_events_endpoint_idx ON webhook_events (organization_id, webhook_endpoint_id);
CREATE INDEX webhook_events_created_at_idx ON webhook_events (created_at);

-- ---------------------------------------------------------------------------------------------------------------
-- updated_at is maintained by the database, whoever writes

CREATE TRIGGER organizations_touch BEFORE UPDATE ON organizations FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER stores_touch BEFORE UPDATE ON stores FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER products_touch BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER product_variants_touch BEFORE UPDATE ON product_variants FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER store_product_mappings_touch BEFORE UPDATE ON store_product_mappings FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER inventory_items_touch BEFORE UPDATE ON inventory_items FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- ---------------------------------------------------------------------------------------------------------------
-- Row-level security: a tenant table shows and accepts only the rows of the transaction's organization; with no
-- organization set it shows nothing and accepts nothing. FORCE makes the owner subject too (superusers and
-- BYPASSRLS roles are not, so the application must never connect as one).

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organizations
    USING (id = (SELECT current_organization_id()))
    WITH CHECK (id = (SELECT current_organization_id()));

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'stores', 'products', 'product_variants', 'store_product_mappings',
      'inventory_locations', 'inventory_items', 'inventory_transactions', 'orders', 'order_items', 'sync_jobs',
      'sync_logs', 'webhook_endpoints', 'webhook_events']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (organization_id = (SELECT current_organization_id())) '
                   'WITH CHECK (organization_id = (SELECT current_organization_id()))', t);
  END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------------------------
-- Reference data

INSERT INTO platforms (name, display_name) VALUES
  ('shopee', 'Shopee'),
  ('tiktok_shop', 'TikTok Shop'),
  ('custom_website', 'Custom website');

-- ---------------------------------------------------------------------------------------------------------------
-- The application role: reads and writes tenant tables (RLS decides which rows), reads reference data, and may only
-- append to the ledger.

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${applicationRole};
GRANT EXECUTE ON FUNCTION current_organization_id() TO ${applicationRole};
GRANT SELECT ON platforms TO ${applicationRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON organizations, users, stores, products, product_variants,
    store_product_mappings, inventory_locations, inventory_items, orders, order_items, sync_jobs, sync_logs,
    webhook_endpoints, webhook_events TO ${applicationRole};
GRANT SELECT, INSERT ON inventory_transactions TO ${applicationRole};
