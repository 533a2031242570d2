package io.storesync.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A marketplace StoreSync can connect stores on; global reference data shared by every organization. A platform is
 * known by its {@code name} everywhere (stores, connectors, settings); its row id is a database detail.
 */
public record Platform(String name, String displayName, boolean active, Instant createdAt) {
    /** Shopee's platform name. */
    public static final String SHOPEE = "shopee";
    /** TikTok Shop's platform name. */
    public static final String TIKTOK_SHOP = "tiktok_shop";
    /** A seller's own website. */
    public static final String CUSTOM_WEBSITE = "custom_website";

    public Platform {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
