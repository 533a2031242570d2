package io.storesync.testkit.tck;

import io.storesync.StoreSync;
import io.storesync.api.store.Platform;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.TestDatabase;
import java.util.List;
import javax.sql.DataSource;

/**
 * The root of StoreSync's compatibility kit: the behaviour every persistence implementation must show through the
 * public API, written once. An implementation runs the kit by extending each {@code *CompatibilityKit} class with a
 * concrete test class (for example {@code class JdbiCatalogueIT extends CatalogueCompatibilityKit}) that implements
 * {@link #storeSyncBuilder}; nothing else is needed.
 *
 * <p>The kit brings its own database: each test class (each property, for the property-based kits) gets a freshly
 * migrated PostgreSQL from {@link TestDatabase}, and StoreSync connects to it as the application role, so row-level
 * security applies to every test. Where a test checks what the database holds (ledger rows, queue rows, redacted
 * columns) it reads the tables with plain SQL; an implementation must therefore store into the schema the StoreSync
 * migrations create.
 */
public abstract class StoreSyncCompatibilityKit {

    /** For subclasses. */
    protected StoreSyncCompatibilityKit() {}

    /**
     * A StoreSync builder whose persistence is the implementation under test, reading and writing through
     * {@code dataSource} (connections as the application role, subject to row-level security) in the already migrated
     * {@code schema}. The kit adds what its tests need (connectors, credential keys, listener) and builds it.
     * Called on the test's thread, once or more per test; must return a new builder each time.
     */
    protected abstract StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema);

    /**
     * A StoreSync on {@code db}'s application data source, built from {@link #storeSyncBuilder}, with credential keys
     * and a fake marketplace connector for each platform StoreSync knows (and no others), so that tests connect
     * stores through the API; no workers run unless a test starts them.
     */
    protected final StoreSync storeSync(TestDatabase db) {
        return withFakeMarketplaces(storeSyncBuilder(db.appDataSource(), db.schema())).build();
    }

    /**
     * Adds the kit's credential keys and a fake marketplace connector for each platform StoreSync knows (and turns
     * discovery off), so that a test can connect stores through the API; for an implementation's own tests too.
     */
    public static StoreSync.Builder withFakeMarketplaces(StoreSync.Builder builder) {
        builder.credentialKeys(SyncFixture.KEYS).discoverConnectors(false);
        for (String platform : List.of(Platform.SHOPEE, Platform.TIKTOK_SHOP, Platform.CUSTOM_WEBSITE)) {
            builder.connector(FakeMarketplace.create(platform).provider());
        }
        return builder;
    }
}
