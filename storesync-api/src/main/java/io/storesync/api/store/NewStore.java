package io.storesync.api.store;

import io.storesync.internal.api.Check;

/**
 * A store to connect: the platform's name (a connector for it must be registered), a display name, the platform's
 * id of the shop, the credentials the platform issued, and the sync settings.
 */
public record NewStore(String platform, String name, String platformStoreId, StoreCredentials credentials,
        StoreSettings settings) {
    public NewStore {
        Check.text(platform, "platform", 100);
        Check.text(name, "name", 255);
        Check.text(platformStoreId, "platformStoreId", 255);
        Check.present(credentials, "credentials");
        Check.present(settings, "settings");
    }

    /** A store with the {@link StoreSettings#DEFAULTS default settings}. */
    public static NewStore of(String platform, String name, String platformStoreId, StoreCredentials credentials) {
        return new NewStore(platform, name, platformStoreId, credentials, StoreSettings.DEFAULTS);
    }
}
