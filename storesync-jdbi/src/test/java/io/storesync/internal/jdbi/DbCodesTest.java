package io.storesync.internal.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.catalogue.ListingStatus;
import io.storesync.api.inventory.MovementType;
import io.storesync.api.order.FinancialStatus;
import io.storesync.api.order.FulfillmentStatus;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.organization.Role;
import io.storesync.api.store.StoreStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class DbCodesTest {
    private static final List<Class<? extends Enum<?>>> STORED = List.of(OrderStatus.class, FinancialStatus.class,
            FulfillmentStatus.class, MovementType.class, ListingStatus.class, Role.class, StoreStatus.class);

    @Test
    void everyStoredEnumRoundTripsThroughItsLowerCaseName() {
        for (Class<? extends Enum<?>> type : STORED) {
            for (Enum<?> constant : type.getEnumConstants()) {
                Object parsed = roundTrip(constant);
                assertThat(parsed).isSameAs(constant);
            }
        }
    }

    @Test
    void codesAreTheValuesTheSchemaChecks() {
        assertThat(DbCodes.code(Role.OWNER)).isEqualTo("owner");
        assertThat(DbCodes.code(StoreStatus.REAUTHORIZATION_REQUIRED)).isEqualTo("reauthorization_required");
        assertThat(DbCodes.code(MovementType.TRANSFER_OUT)).isEqualTo("transfer_out");
        assertThat(DbCodes.parse(OrderStatus.class, "awaiting_shipment")).isEqualTo(OrderStatus.AWAITING_SHIPMENT);
    }

    @Test
    void nullStaysNull() {
        assertThat(DbCodes.codeOrNull(null)).isNull();
        assertThat(DbCodes.parseOrNull(FinancialStatus.class, null)).isNull();
        assertThat(DbCodes.parseOrNull(FinancialStatus.class, "paid")).isEqualTo(FinancialStatus.PAID);
    }

    @Test
    void unknownStoredTextFailsNamingTypeAndValue() {
        assertThatThrownBy(() -> DbCodes.parse(Role.class, "superuser"))
                .isInstanceOf(StoreSyncException.class)
                .hasMessageContaining("Role").hasMessageContaining("'superuser'")
                .satisfies(e -> assertThat(((StoreSyncException) e).code()).isEqualTo(ErrorCode.INTERNAL));
        // the constant's Java name is not the stored form
        assertThatThrownBy(() -> DbCodes.parse(StoreStatus.class, "ACTIVE")).isInstanceOf(StoreSyncException.class);
    }

    private static <E extends Enum<E>> E roundTrip(Enum<?> constant) {
        @SuppressWarnings("unchecked")
        Class<E> type = (Class<E>) constant.getDeclaringClass();
        return DbCodes.parse(type, DbCodes.code(constant));
    }
}
