-- StoreSync schema, version 7: least privilege for the application role (docs/trust-model.md explains it).
--
--  * The application role may no longer DELETE the rows the stock ledger hangs off (organizations, products,
--    product_variants, inventory_locations, inventory_items: their cascades would erase "append-only" ledger rows)
--    nor the business records the engine only ever deactivates or updates. StoreSync never issues those DELETEs;
--    it deletes only queue and bookkeeping rows (jobs, processed webhook events, stock change marks, listing mappings).
--    TRUNCATE was never granted and stays so.
--  * Stock counters stay updatable: the conditional stock statements change quantity_on_hand / quantity_reserved
--    as the application role in the same statement that appends the ledger row, so a column-level revoke would break
--    them. The ledger itself stays INSERT-only, guarded by V1's triggers.
--  * A write with no tenant set now fails with SQLSTATE P0002 ("no organization is set") instead of a row-level
--    security violation that reads as "the row belongs to another organization". Only WITH CHECK changes: a read
--    with no tenant still sees nothing.
--  * Member emails are unique case-insensitively (Ayu@x and ayu@x are one person); the seed's UNIQUE (email) stays.
-- Runs as the owning role; ${applicationRole} is the role the host application's pool connects as.

-- ---------------------------------------------------------------------------------------------------------------
-- Grants

REVOKE DELETE ON organizations, users, stores, products, product_variants, inventory_locations, inventory_items,
    orders, order_items, webhook_endpoints FROM ${applicationRole};
REVOKE TRUNCATE ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} FROM ${applicationRole};

-- ---------------------------------------------------------------------------------------------------------------
-- A missing tenant is an error of its own on writes

-- Raises instead of returning NULL, so the WITH CHECK of a policy tells "no tenant" apart from "another tenant".
-- Evaluated once per statement (the policies call it in a sub-select), and only when a row is written.
CREATE FUNCTION require_organization_id() RETURNS uuid
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
  org uuid := nullif(current_setting('storesync.organization_id', true), '')::uuid;
BEGIN
  IF org IS NULL THEN
    RAISE EXCEPTION 'no organization is set for this transaction, so row-level security admits no row'
      USING ERRCODE = 'no_data_found',
            HINT = 'Set the tenant with set_config(''storesync.organization_id'', id, true) in the same transaction.';
  END IF;
  RETURN org;
END
$$;
COMMENT ON FUNCTION require_organization_id() IS
    'The tenant of the current transaction; raises P0002 when none is set. Used by the policies'' WITH CHECK.';
GRANT EXECUTE ON FUNCTION require_organization_id() TO ${applicationRole};

-- Every tenant_isolation policy of the schema: the USING side is unchanged (no tenant, no rows).
-- The owner's queue_functions policies (V5) stay permissive with WITH CHECK (true); PostgreSQL ORs permissive
-- policies and folds "x OR true" to true, so the queue functions never evaluate the raising function.
DO $$
DECLARE p record;
BEGIN
  FOR p IN SELECT tablename FROM pg_policies
           WHERE schemaname = current_schema() AND policyname = 'tenant_isolation'
  LOOP
    IF p.tablename = 'organizations' THEN
      EXECUTE 'ALTER POLICY tenant_isolation ON organizations WITH CHECK (id = (SELECT require_organization_id()))';
    ELSE
      EXECUTE format('ALTER POLICY tenant_isolation ON %I WITH CHECK (organization_id = (SELECT require_organization_id()))',
                     p.tablename);
    END IF;
  END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------------------------
-- Member emails, case-insensitively

-- The owner is subject to row-level security (FORCE), so look at every tenant's rows for the duplicate check only.
ALTER TABLE users NO FORCE ROW LEVEL SECURITY;
DO $$
DECLARE clashes bigint;
BEGIN
  SELECT count(*) INTO clashes FROM (SELECT 1 FROM users GROUP BY lower(email) HAVING count(*) > 1) d;
  IF clashes > 0 THEN
    -- no email in the message: it lands in migration logs
    RAISE EXCEPTION '% member email(s) exist in several letter cases; merge or rename those users, then migrate again',
        clashes USING HINT = 'SELECT lower(email), count(*) FROM users GROUP BY 1 HAVING count(*) > 1';
  END IF;
END $$;
ALTER TABLE users FORCE ROW LEVEL SECURITY;

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
