package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.storesync.StoreSync;
import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17: a member's call pays one round trip for the tenant setting and the re-read of its role together, not one
 * each (the hot SKU's reservation was a statement and a commit plus those two). Round trips are counted as the driver
 * sees them: each statement execution and each commit on the pool's connections.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class TenantRoundTripsIT {
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch", "commit");

    private final TestDatabase db;

    TenantRoundTripsIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aMembersReservationIsTheTenantAndRoleTripTheStatementAndTheCommit() {
        AtomicInteger trips = new AtomicInteger();
        DataSource pool = db.newAppPool(2);
        try {
            StoreSync sync = db.storeSyncBuilder().dataSource(counting(pool, trips)).build();
            UserId ownerId = UserId.random();
            Organization org = sync.createOrganization(NewOrganization.of("Trips", "trips-" + ownerId.value(), ownerId,
                    "owner-" + ownerId.value() + "@example.com", null));
            Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
            UserId memberId = UserId.random();
            owner.members().add(new NewMember(memberId, "member-" + memberId.value() + "@example.com", null, Role.MEMBER));
            LocationId location = owner.locations().create(NewLocation.named("Main")).id();
            owner.catalogue().upsert(List.of(ProductUpsert.of("TRIP-1", "Trip", List.of(VariantUpsert.of("TRIP-1-A")))));
            VariantId variant = owner.catalogue().findVariantsBySku("TRIP-1-A").get(0).id();
            owner.inventory().receive(variant, location, 10, StockContext.none());
            Tenant member = sync.tenant(org.id(), Actor.user(memberId));

            trips.set(0);
            member.inventory().reserve(variant, location, 1, StockContext.none());
            assertThat(trips.get()).as("tenant setting with the role, the reservation, the commit").isEqualTo(3);

            // the role read in that trip is the one the call is checked against: a demotion counts at the next call
            owner.members().changeRole(memberId, Role.VIEWER);
            assertThatThrownBy(() -> member.inventory().reserve(variant, location, 1, StockContext.none()))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("viewer");
            owner.members().deactivate(memberId);
            assertThatThrownBy(() -> member.inventory().level(variant, location))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("deactivated");
            assertThat(owner.inventory().level(variant, location).reserved()).isEqualTo(1);
        } finally {
            ((HikariDataSource) pool).close();
        }
    }

    /** {@code pool}, with every connection and statement it hands out counting executions and commits. */
    private static DataSource counting(DataSource pool, AtomicInteger trips) {
        return (DataSource) counted(pool, DataSource.class, trips);
    }

    private static Object counted(Object target, Class<?> type, AtomicInteger trips) {
        return Proxy.newProxyInstance(TenantRoundTripsIT.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (EXECUTIONS.contains(method.getName())) trips.incrementAndGet();
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Class<?> returned = method.getReturnType();
            if (result != null && returned.isInterface()
                    && (returned == Connection.class || Statement.class.isAssignableFrom(returned))) {
                return counted(result, returned, trips);
            }
            return result;
        });
    }
}
