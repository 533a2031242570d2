package io.storesync.spi.connector;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One shop a seller's consent granted access to.
 *
 * @param platformStoreId the platform's id of the shop (becomes {@code stores.platform_store_id})
 * @param name the shop's name as the platform reports it, for the host to show
 * @param region the platform's region or market code (TikTok Shop {@code region}, Shopee site), if it says
 */
public record AuthorizedShop(String platformStoreId, String name, @Nullable String region) {
    public AuthorizedShop {
        Objects.requireNonNull(platformStoreId, "platformStoreId");
        Objects.requireNonNull(name, "name");
    }
}
