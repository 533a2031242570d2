package io.storesync.api.store;

import java.time.Instant;
import java.util.Objects;

/** A marketplace StoreSync can connect stores on; global reference data shared by every organization. */
public record Platform(PlatformId id, String name, String displayName, boolean active, Instant createdAt) {
    /** Shopee's platform name. */
    public static final String SHOPEE = "shopee";
    /** TikTok Shop's platform name. */
    public static final String TIKTOK_SHOP = "tiktok_shop";
    /** A seller's own website. */
    public static final String CUSTOM_WEBSITE = "custom_website";

    public Platform {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
