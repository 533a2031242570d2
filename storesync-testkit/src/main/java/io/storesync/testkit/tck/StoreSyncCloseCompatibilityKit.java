package io.storesync.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.StoreSyncException;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.job.Workers;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closing StoreSync stops the workers it started.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class StoreSyncCloseCompatibilityKit extends StoreSyncCompatibilityKit {
    private TestDatabase db;
    private SyncFixture fx;

    @BeforeEach
    void openDatabase(TestDatabase db) {
        this.db = db;
        this.fx = new SyncFixture(db, FakeMarketplace.create(), this::storeSyncBuilder);
    }

    @Test
    void closingStopsEveryWorkerSetItStartedAndRefusesNewOnes() {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        Workers first = sync.startWorkers(JobQueueCompatibilityKit.fast(1));
        Workers second = sync.startWorkers(JobQueueCompatibilityKit.fast(2));
        assertThat(first.closed()).isFalse();

        sync.close();

        assertThat(first.closed()).isTrue();
        assertThat(second.closed()).isTrue();
        assertThat(first.running()).isZero();
        sync.close();
        first.close();
        assertThatThrownBy(() -> sync.startWorkers(1)).isInstanceOf(StoreSyncException.class);
        // the host's pool is not the engine's to close
        assertThat(sync.platforms()).isNotEmpty();
    }
}
