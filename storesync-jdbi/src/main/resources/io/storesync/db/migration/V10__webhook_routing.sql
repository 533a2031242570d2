-- App-level webhooks (Shopee, TikTok Shop): the platform signs every push with the app's secret and sends every shop's
-- events to one URL, naming the shop only in the body. The delivery is verified first (no database work); then this
-- function, called before any tenant is known, turns (platform, platform shop id) into the stores to deliver to.
--
-- Narrow on purpose, like route_webhook_endpoint: it returns the organization and store of *active* stores with that
-- platform and shop id and nothing else (no name, no credentials, no settings). A platform shop id normally maps to
-- one store; if several tenants connected the same shop (the unique key is per organization), each gets its copy.
CREATE FUNCTION route_app_webhook(p_platform text, p_platform_store_id text)
    RETURNS TABLE (organization_id uuid, store_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$
      SELECT s.organization_id, s.id
        FROM stores s JOIN platforms p ON p.id = s.platform_id
       WHERE p.name = p_platform AND s.platform_store_id = p_platform_store_id AND s.is_active
       ORDER BY s.organization_id, s.id
       LIMIT 100
    $$;

REVOKE EXECUTE ON FUNCTION route_app_webhook(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION route_app_webhook(text, text) TO ${applicationRole};

-- The lookup above runs across tenants, so it gets an index of its own (the unique key leads with the organization).
CREATE INDEX stores_platform_shop_idx ON stores (platform_id, platform_store_id) WHERE is_active;
