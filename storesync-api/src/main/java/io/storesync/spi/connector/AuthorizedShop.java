package io.storesync.spi.connector;

import io.storesync.api.Secret;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One shop a seller's consent granted access to. {@link #toString()} shows no secret.
 *
 * @param platformStoreId the platform's id of the shop (becomes {@code stores.platform_store_id})
 * @param name the shop's name as the platform reports it, for the host to show
 * @param region the platform's region or market code (TikTok Shop {@code region}, Shopee site), if it says
 * @param credentials what this shop's store needs besides the consent's credentials (TikTok Shop's
 *     {@code shop_cipher}): added to {@link io.storesync.api.store.StoreCredentials#extra()} of this shop's store only, encrypted with the
 *     rest, and kept when a refresh of the consent's credentials is shared with its other stores. Empty when the
 *     consent's credentials are all a store needs.
 */
public record AuthorizedShop(String platformStoreId, String name, @Nullable String region,
        Map<String, Secret> credentials) {
    public AuthorizedShop {
        Objects.requireNonNull(platformStoreId, "platformStoreId");
        Objects.requireNonNull(name, "name");
        credentials = Map.copyOf(credentials);
    }

    /** A shop whose store needs nothing but the consent's credentials. */
    public AuthorizedShop(String platformStoreId, String name, @Nullable String region) {
        this(platformStoreId, name, region, Map.of());
    }
}
