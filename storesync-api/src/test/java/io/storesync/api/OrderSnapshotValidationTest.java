package io.storesync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Issue 10 items 21, 24, 25: what PostgreSQL cannot store is refused when the snapshot is made, naming the field. */
class OrderSnapshotValidationTest {
    private static final StoreId STORE = new StoreId(UUID.randomUUID());
    private static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

    private static OrderSnapshot order(String id, String note, Map<String, Object> customer, Instant orderedAt,
            Instant updatedAt, List<OrderLineSnapshot> lines) {
        return new OrderSnapshot(STORE, id, id, "READY_TO_SHIP", OrderStatus.AWAITING_SHIPMENT, null, null, BigDecimal.TEN,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN, "IDR", customer, List.of(), note,
                orderedAt, updatedAt, Map.of(), lines);
    }

    private static OrderSnapshot withNote(String note) {
        return order("o-1", note, Map.of(), T, T, List.of());
    }

    private static OrderLineSnapshot line(String id, String name, int quantity) {
        return new OrderLineSnapshot(id, "p-1", null, "SKU-1", name, quantity, BigDecimal.ONE, BigDecimal.ONE);
    }

    @Test
    void aNulInTheBuyerNoteIsRefusedNamingTheField() {
        assertThatThrownBy(() -> withNote("leave at door\u0000"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("notes").hasMessageContaining("NUL");
    }

    @Test
    void halfASurrogatePairInTheBuyerNoteIsRefused() {
        assertThatThrownBy(() -> withNote("smile \uD83D please"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("notes").hasMessageContaining("surrogate");
    }

    @Test
    void aWholeSurrogatePairIsAccepted() {
        assertThat(withNote("smile \uD83D\uDE00 please").notes()).isEqualTo("smile \uD83D\uDE00 please");
    }

    @Test
    void aNulInACustomerFieldIsRefusedNamingThePath() {
        assertThatThrownBy(() -> order("o-1", null, Map.of("name", "Budi\u0000"), T, T, List.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("customerInfo.name");
    }

    @Test
    void aNonFiniteNumberInCustomerJsonIsRefused() {
        assertThatThrownBy(() -> order("o-1", null, Map.of("address", Map.of("lat", Double.NaN)), T, T, List.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("customerInfo.address.lat");
        assertThatThrownBy(() -> order("o-1", null, Map.of("score", Double.POSITIVE_INFINITY), T, T, List.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("customerInfo.score");
    }

    @Test
    void aNulInALineNameIsRefused() {
        assertThatThrownBy(() -> line("l-1", "Kaos\u0000", 1))
                .isInstanceOf(ValidationException.class).hasMessageContaining("name");
    }

    @Test
    void aPlatformOrderIdLongerThan255CharactersIsRefusedWithoutEchoingIt() {
        String id = "x".repeat(100_000);
        assertThatThrownBy(() -> withId(id))
                .isInstanceOf(ValidationException.class).hasMessageContaining("platformOrderId")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    private static OrderSnapshot withId(String id) {
        return order(id, null, Map.of(), T, T, List.of());
    }

    @Test
    void aLineQuantityAboveTheBoundIsRefused() {
        assertThat(line("l-1", "Kaos", OrderLineSnapshot.MAX_QUANTITY).quantity()).isEqualTo(1_000_000);
        assertThatThrownBy(() -> line("l-1", "Kaos", Integer.MAX_VALUE))
                .isInstanceOf(ValidationException.class).hasMessageContaining("quantity").hasMessageContaining("1000000");
    }

    @Test
    void anOrderWithMoreLinesThanTheBoundIsRefused() {
        List<OrderLineSnapshot> lines = IntStream.range(0, OrderSnapshot.MAX_LINES + 1)
                .mapToObj(i -> line("l-" + i, "Kaos", 1)).toList();
        assertThatThrownBy(() -> order("o-1", null, Map.of(), T, T, lines))
                .isInstanceOf(ValidationException.class).hasMessageContaining("1000");
    }

    @Test
    void theLargestOrderStillSumsInsideAnInt() {
        // the bounds together are what keeps every shortfall and total an int: checked here so they move together
        assertThat((long) OrderSnapshot.MAX_LINES * OrderLineSnapshot.MAX_QUANTITY).isLessThanOrEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void anOrderPlacedBefore1970IsRefused() {
        Instant bc = Instant.parse("-5000-01-01T00:00:00Z");
        assertThatThrownBy(() -> order("o-1", null, Map.of(), bc, T, List.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("orderedAt");
    }

    @Test
    void anUpdateTimeBeyondYear9999IsRefused() {
        assertThatThrownBy(() -> order("o-1", null, Map.of(), T, Instant.MAX, List.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("platformUpdatedAt");
    }

    @Test
    void timesAreTruncatedToWhatTheDatabaseKeeps() {
        OrderSnapshot s = order("o-1", null, Map.of(), T.plusNanos(1_500), T.plusNanos(123_456_789), List.of());
        assertThat(s.orderedAt()).isEqualTo(T.plusNanos(1_000));
        assertThat(s.platformUpdatedAt()).isEqualTo(T.plusNanos(123_456_000));
    }

    @Test
    void aCustomerFieldMayBeNullAsJsonAllows() {
        assertThat(order("o-1", null, Collections.singletonMap("phone", null), T, T, List.of()).customerInfo())
                .containsEntry("phone", null);
    }
}
