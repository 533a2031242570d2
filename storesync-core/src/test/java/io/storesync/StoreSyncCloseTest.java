package io.storesync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.Platform;
import io.storesync.spi.persistence.JobQueue;
import io.storesync.spi.persistence.Persistence;
import io.storesync.spi.persistence.PersistenceProvider;
import io.storesync.spi.persistence.TenantTransaction;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Closing without a database; that close stops running workers is shown against PostgreSQL in StoreSyncCloseIT. */
class StoreSyncCloseTest {

    @Test
    void closeIsIdempotentAndRefusesNewWorkers() {
        StoreSync storeSync = open();
        storeSync.close();
        storeSync.close();
        assertThatThrownBy(() -> storeSync.startWorkers(1))
                .isInstanceOf(StoreSyncException.class)
                .satisfies(e -> assertThat(((StoreSyncException) e).code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("closed");
    }

    @Test
    void callsThatBorrowAConnectionPerCallKeepWorkingAfterClose() {
        StoreSync storeSync = open();
        storeSync.close();
        assertThat(storeSync.platforms()).extracting(Platform::name).containsExactly(Platform.SHOPEE);
    }

    private static StoreSync open() {
        DataSource pool = (DataSource) Proxy.newProxyInstance(StoreSyncCloseTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException("no database in this test");
                });
        return StoreSync.builder().dataSource(pool).persistence(new StubProvider()).discoverConnectors(false).build();
    }

    private static final class StubProvider implements PersistenceProvider, Persistence {
        @Override
        public String name() {
            return "stub";
        }

        @Override
        public Persistence open(DataSource dataSource, String schema) {
            return this;
        }

        @Override
        public void migrate(DataSource ownerDataSource, String schema, String applicationRole) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <R> R inTenant(OrganizationId organization, Function<TenantTransaction, R> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Platform> platforms() {
            return List.of(new Platform(Platform.SHOPEE, "Shopee", true, Instant.EPOCH));
        }

        @Override
        public JobQueue queue() {
            throw new UnsupportedOperationException();
        }
    }
}
