package io.storesync.spring.boot;

import io.storesync.StoreSync;

/** Adjusts the builder of the auto-configured {@link StoreSync} bean after the properties are applied. */
@FunctionalInterface
public interface StoreSyncBuilderCustomizer {
    void customize(StoreSync.Builder builder);
}
