package io.storesync.internal.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.order.OrderLine.StockStage;
import io.storesync.api.order.OrderStatus;
import io.storesync.internal.core.order.StockStages.Step;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StockStagesTest {

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPED", "CANCEL_REQUESTED"})
    void openStatusesReserve(OrderStatus status) {
        assertThat(StockStages.target(status, StockStage.NONE)).isEqualTo(StockStage.RESERVED);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"SHIPPED", "DELIVERED", "COMPLETED", "RETURN_REQUESTED"})
    void shippingStatusesCommit(OrderStatus status) {
        assertThat(StockStages.target(status, StockStage.RESERVED)).isEqualTo(StockStage.COMMITTED);
    }

    @Test
    void everyStatusIsMapped() {
        // a status added to OrderStatus must be given a stage here, not fall through to somewhere surprising
        EnumSet<OrderStatus> reserving = EnumSet.of(OrderStatus.UNPAID, OrderStatus.ON_HOLD, OrderStatus.AWAITING_SHIPMENT,
                OrderStatus.PARTIALLY_SHIPPED, OrderStatus.CANCEL_REQUESTED);
        EnumSet<OrderStatus> committing = EnumSet.of(OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED,
                OrderStatus.RETURN_REQUESTED);
        for (OrderStatus status : OrderStatus.values()) {
            StockStage expected = reserving.contains(status) ? StockStage.RESERVED
                    : committing.contains(status) ? StockStage.COMMITTED
                    : status == OrderStatus.CANCELLED ? StockStage.RELEASED
                    : status == OrderStatus.RETURNED ? StockStage.RETURNED
                    : StockStage.NONE;
            assertThat(StockStages.target(status, StockStage.NONE)).as(status.name()).isEqualTo(expected);
        }
    }

    @Test
    void cancellingReleases() {
        assertThat(StockStages.target(OrderStatus.CANCELLED, StockStage.RESERVED)).isEqualTo(StockStage.RELEASED);
    }

    @Test
    void aReturnAsksToReturn() {
        assertThat(StockStages.target(OrderStatus.RETURNED, StockStage.COMMITTED)).isEqualTo(StockStage.RETURNED);
    }

    @ParameterizedTest
    @EnumSource(StockStage.class)
    void anUnknownStatusKeepsTheLineWhereItIs(StockStage current) {
        assertThat(StockStages.target(OrderStatus.UNKNOWN, current)).isEqualTo(current);
    }

    @Test
    void aCommittedLineIsNeverReservedAgain() {
        assertThat(StockStages.target(OrderStatus.AWAITING_SHIPMENT, StockStage.COMMITTED)).isEqualTo(StockStage.COMMITTED);
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void releasedAndReturnedLinesStaySo(OrderStatus status) {
        assertThat(StockStages.target(status, StockStage.RELEASED)).isEqualTo(StockStage.RELEASED);
        assertThat(StockStages.target(status, StockStage.RETURNED)).isEqualTo(StockStage.RETURNED);
    }

    @Test
    void aNewOpenLineReservesItsQuantity() {
        assertThat(StockStages.step(OrderStatus.AWAITING_SHIPMENT, StockStage.NONE, 3, 0, 0, false))
                .isEqualTo(new Step(StockStage.RESERVED, 3, 3, 0, false));
    }

    @Test
    void aReplayedOpenLineReservesNothingMore() {
        assertThat(StockStages.step(OrderStatus.AWAITING_SHIPMENT, StockStage.RESERVED, 3, 3, 0, false))
                .isEqualTo(new Step(StockStage.RESERVED, 3, 0, 0, false));
    }

    @Test
    void aLineShortOfStockReservesWhatIsMissing() {
        assertThat(StockStages.step(OrderStatus.UNPAID, StockStage.RESERVED, 5, 2, 0, false).reserve()).isEqualTo(3);
    }

    @Test
    void aLowerQuantityReleasesTheExcess() {
        assertThat(StockStages.step(OrderStatus.UNPAID, StockStage.RESERVED, 2, 5, 0, false))
                .isEqualTo(new Step(StockStage.RESERVED, 2, 0, 3, false));
    }

    @Test
    void shippingFirstReservesWhatIsNotYetReserved() {
        assertThat(StockStages.step(OrderStatus.SHIPPED, StockStage.NONE, 4, 0, 0, false))
                .isEqualTo(new Step(StockStage.COMMITTED, 4, 4, 0, false));
    }

    @Test
    void aShippedLineHasNothingOutstanding() {
        assertThat(StockStages.step(OrderStatus.DELIVERED, StockStage.COMMITTED, 4, 0, 4, false))
                .isEqualTo(new Step(StockStage.COMMITTED, 0, 0, 0, false));
    }

    @Test
    void cancellingBeforeShippingReleasesTheReservation() {
        assertThat(StockStages.step(OrderStatus.CANCELLED, StockStage.RESERVED, 4, 4, 0, true))
                .isEqualTo(new Step(StockStage.RELEASED, 0, 0, 4, false));
    }

    @Test
    void cancellingAfterShippingIsAReturnThatRestocksWhenTheStoreSaysSo() {
        assertThat(StockStages.step(OrderStatus.CANCELLED, StockStage.COMMITTED, 4, 0, 4, true))
                .isEqualTo(new Step(StockStage.RETURNED, 0, 0, 0, true));
    }

    @Test
    void aReturnDoesNotRestockWhenTheStoreSaysNot() {
        assertThat(StockStages.step(OrderStatus.RETURNED, StockStage.COMMITTED, 4, 0, 4, false))
                .isEqualTo(new Step(StockStage.RETURNED, 0, 0, 0, false));
    }

    @Test
    void aReturnOfALineThatNeverShippedIsARelease() {
        assertThat(StockStages.step(OrderStatus.RETURNED, StockStage.RESERVED, 4, 4, 0, true))
                .isEqualTo(new Step(StockStage.RELEASED, 0, 0, 4, false));
    }

    @Test
    void anUnmappedLineFirstSeenWithAnUnknownStatusDoesNothing() {
        assertThat(StockStages.step(OrderStatus.UNKNOWN, StockStage.NONE, 4, 0, 0, true))
                .isEqualTo(new Step(StockStage.NONE, 0, 0, 0, false));
    }
}
