package io.storesync.internal.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.order.IngestResult.Outcome;
import io.storesync.api.order.OrderId;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.store.StoreId;
import io.storesync.spi.persistence.OrderRepository.Upserted;
import io.storesync.spi.persistence.OrderRepository.Write;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NewestSnapshotTest {
    private static final OrderId ORDER = new OrderId(UUID.randomUUID());
    private static final StoreId STORE = new StoreId(UUID.randomUUID());
    static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

    /** One order's snapshot {@code second}s after {@link #T}, in {@code status}, with one line of {@code quantity}. */
    static OrderSnapshot snapshot(int second, OrderStatus status, int quantity) {
        return snapshot(T.plusSeconds(second), status, quantity, Map.of("name", "Budi", "phone", "0812"));
    }

    private static OrderSnapshot snapshot(Instant updated, OrderStatus status, int quantity, Map<String, Object> customer) {
        return new OrderSnapshot(STORE, "o-1", "o-1", status.name(), status, null, null, BigDecimal.TEN, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN, "IDR", customer, List.of(), null, T, updated,
                Map.of("fetched", updated.toString()), List.of(new OrderLineSnapshot("l-1", "p-1", null, "SKU-1", "Kaos",
                        quantity, BigDecimal.ONE, BigDecimal.ONE)));
    }

    private static boolean replaces(OrderSnapshot stored, OrderSnapshot incoming) {
        return NewestSnapshot.replaces(stored.platformUpdatedAt(), NewestSnapshot.precedence(stored),
                incoming.platformUpdatedAt(), NewestSnapshot.precedence(incoming));
    }

    @Test
    void aSnapshotReplacesAnOrderStoredWithoutUpdateTime() {
        OrderSnapshot s = snapshot(0, OrderStatus.UNPAID, 1);
        assertThat(NewestSnapshot.replaces(null, null, s.platformUpdatedAt(), NewestSnapshot.precedence(s))).isTrue();
    }

    @Test
    void aLaterSnapshotReplacesTheStoredOrderWhateverItsStatus() {
        assertThat(replaces(snapshot(0, OrderStatus.CANCELLED, 1), snapshot(1, OrderStatus.UNPAID, 1))).isTrue();
    }

    @Test
    void anEarlierSnapshotDoesNotReplaceTheStoredOrderWhateverItsStatus() {
        assertThat(replaces(snapshot(1, OrderStatus.UNPAID, 1), snapshot(0, OrderStatus.CANCELLED, 1))).isFalse();
    }

    @Test
    void theSameSnapshotDoesNotReplaceTheStoredOrder() {
        assertThat(replaces(snapshot(0, OrderStatus.AWAITING_SHIPMENT, 1), snapshot(0, OrderStatus.AWAITING_SHIPMENT, 1)))
                .isFalse();
    }

    @Test
    void aCancellationInTheSameSecondReplacesTheOpenOrder() {
        // issue 10 item 5: with one-second timestamps, the strict rule reported this UNCHANGED and kept the reservation
        OrderSnapshot open = snapshot(0, OrderStatus.AWAITING_SHIPMENT, 1);
        OrderSnapshot cancelled = snapshot(0, OrderStatus.CANCELLED, 1);
        assertThat(replaces(open, cancelled)).isTrue();
        assertThat(replaces(cancelled, open)).as("the open snapshot delivered late").isFalse();
    }

    @Test
    void laterStagesOfAnOrdersLifeRankHigher() {
        assertThat(List.of(OrderStatus.UNKNOWN, OrderStatus.UNPAID, OrderStatus.AWAITING_SHIPMENT, OrderStatus.SHIPPED,
                OrderStatus.COMPLETED, OrderStatus.RETURNED, OrderStatus.CANCELLED))
                .extracting(NewestSnapshot::rank).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aSameSecondChangeOfLinesIsAppliedOneWayWhateverTheDeliveryOrder() {
        OrderSnapshot one = snapshot(0, OrderStatus.AWAITING_SHIPMENT, 1);
        OrderSnapshot two = snapshot(0, OrderStatus.AWAITING_SHIPMENT, 2);
        // nothing tells which came later: the digest picks one, the same on every worker, and the other stays out
        assertThat(replaces(one, two)).isNotEqualTo(replaces(two, one));
    }

    @Test
    void thePrecedenceIgnoresMapOrderAndThePlatformsRawData() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", "x");
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", "x");
        ba.put("a", 1);
        OrderSnapshot first = snapshot(T, OrderStatus.UNPAID, 1, ab);
        OrderSnapshot second = new OrderSnapshot(first.storeId(), first.platformOrderId(), first.orderNumber(),
                first.platformStatus(), first.status(), null, null, first.subtotal(), first.taxAmount(),
                first.shippingAmount(), first.discountAmount(), first.totalAmount(), first.currency(), ba, first.tags(),
                first.notes(), first.orderedAt(), first.platformUpdatedAt(), Map.of("request", "another fetch"),
                first.lines());
        assertThat(NewestSnapshot.precedence(second)).isEqualTo(NewestSnapshot.precedence(first));
    }

    @Test
    void theNumberOneAndTheTextOneAreDifferentContent() {
        assertThat(NewestSnapshot.digest(snapshot(T, OrderStatus.UNPAID, 1, Map.of("n", 1))))
                .isNotEqualTo(NewestSnapshot.digest(snapshot(T, OrderStatus.UNPAID, 1, Map.of("n", "1"))));
    }

    @Test
    void aRedeliveryWithNanosecondsIsUnchanged() {
        // issue 10 item 25: the snapshot is truncated to what the database keeps, so the redelivery equals the stored
        OrderSnapshot stored = snapshot(T.plusNanos(1_000), OrderStatus.UNPAID, 1, Map.of());
        OrderSnapshot again = snapshot(T.plusNanos(1_500), OrderStatus.UNPAID, 1, Map.of());
        byte[] precedence = NewestSnapshot.precedence(again);
        Upserted kept = new Upserted(ORDER, Write.KEPT, stored.platformUpdatedAt(), NewestSnapshot.precedence(stored));
        assertThat(NewestSnapshot.outcome(kept, again.platformUpdatedAt(), precedence)).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void anOrderStoredWithoutPrecedenceIsReplacedBySnapshotsOfItsTime() {
        OrderSnapshot s = snapshot(0, OrderStatus.UNPAID, 1);
        assertThat(NewestSnapshot.replaces(s.platformUpdatedAt(), null, s.platformUpdatedAt(), NewestSnapshot.precedence(s)))
                .isTrue();
    }

    @Test
    void anInsertedSnapshotCreatesTheOrder() {
        assertThat(NewestSnapshot.outcome(new Upserted(ORDER, Write.INSERTED), T, new byte[1])).isEqualTo(Outcome.CREATED);
    }

    @Test
    void aReplacingSnapshotUpdatesTheOrder() {
        assertThat(NewestSnapshot.outcome(new Upserted(ORDER, Write.REPLACED), T, new byte[1])).isEqualTo(Outcome.UPDATED);
    }

    @Test
    void aKeptOrderOfTheSnapshotsTimeAndPrecedenceIsUnchanged() {
        byte[] p = {3, 1, 2};
        assertThat(NewestSnapshot.outcome(new Upserted(ORDER, Write.KEPT, T, p), T, Arrays.copyOf(p, 3)))
                .isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void aKeptOrderOfTheSnapshotsTimeButHigherPrecedenceMakesItStale() {
        assertThat(NewestSnapshot.outcome(new Upserted(ORDER, Write.KEPT, T, new byte[] {11}), T, new byte[] {3}))
                .isEqualTo(Outcome.STALE);
    }

    @Test
    void aKeptOrderNewerThanTheSnapshotMakesItStale() {
        assertThat(NewestSnapshot.outcome(new Upserted(ORDER, Write.KEPT, T, new byte[1]), T.minusSeconds(5), new byte[1]))
                .isEqualTo(Outcome.STALE);
    }

    @Test
    void aKeptWriteMustNameTheStoredTime() {
        assertThatThrownBy(() -> new Upserted(ORDER, Write.KEPT, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("storedUpdatedAt");
    }
}
