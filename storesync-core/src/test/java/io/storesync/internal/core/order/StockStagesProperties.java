package io.storesync.internal.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.order.OrderLine.StockStage;
import io.storesync.api.order.OrderStatus;
import io.storesync.internal.core.order.StockStages.Step;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StockStagesProperties {

    /** Released and returned are both ends of a line's life; neither follows the other. */
    private static int rank(StockStage stage) {
        return switch (stage) {
            case NONE -> 0;
            case RESERVED -> 1;
            case COMMITTED -> 2;
            case RELEASED, RETURNED -> 3;
        };
    }

    @Property
    void stagesOnlyMoveForward(@ForAll OrderStatus status, @ForAll StockStage current) {
        assertThat(rank(StockStages.target(status, current))).isGreaterThanOrEqualTo(rank(current));
    }

    @Property
    void aStepNeverReservesAndReleasesAtOnce(@ForAll OrderStatus status, @ForAll StockStage current,
            @ForAll @IntRange(max = 50) int quantity, @ForAll @IntRange(max = 50) int reserved,
            @ForAll @IntRange(max = 50) int committed, @ForAll boolean restockOnReturn) {
        Step step = StockStages.step(status, current, quantity, reserved, committed, restockOnReturn);
        assertThat(step.reserve()).isNotNegative();
        assertThat(step.release()).isNotNegative().isLessThanOrEqualTo(reserved);
        assertThat(step.reserve() == 0 || step.release() == 0).isTrue();
    }

    @Property
    void aReservingLineEndsHoldingWhatItHasNotShipped(@ForAll OrderStatus status, @ForAll StockStage current,
            @ForAll @IntRange(max = 50) int quantity, @ForAll @IntRange(max = 50) int reserved,
            @ForAll @IntRange(max = 50) int committed) {
        Step step = StockStages.step(status, current, quantity, reserved, committed, false);
        Assume.that(step.stage() == StockStage.RESERVED);
        assertThat(reserved + step.reserve() - step.release()).isEqualTo(Math.max(quantity - committed, 0));
    }

    @Property
    void anEndedLineHoldsNothingReserved(@ForAll OrderStatus status, @ForAll StockStage current,
            @ForAll @IntRange(max = 50) int quantity, @ForAll @IntRange(max = 50) int reserved,
            @ForAll @IntRange(max = 50) int committed, @ForAll boolean restockOnReturn) {
        Step step = StockStages.step(status, current, quantity, reserved, committed, restockOnReturn);
        Assume.that(step.stage() == StockStage.RELEASED || step.stage() == StockStage.RETURNED);
        assertThat(reserved - step.release()).isZero();
        assertThat(step.restock()).isEqualTo(restockOnReturn && committed > 0);
    }

    @Property
    void replayingAStatusHistoryAppliesEachEffectOnce(
            @ForAll @Size(min = 1, max = 12) List<OrderStatus> history, @ForAll @IntRange(min = 1, max = 20) int quantity) {
        // the line as the ledger would book it with stock always available: each step applied in full
        StockStage stage = StockStage.NONE;
        int reserved = 0;
        int committed = 0;
        for (OrderStatus status : history) {
            for (int replay = 0; replay < 2; replay++) {
                Step step = StockStages.step(status, stage, quantity, reserved, committed, false);
                reserved += step.reserve() - step.release();
                if (step.stage() == StockStage.COMMITTED) {
                    committed += reserved;
                    reserved = 0;
                }
                if (replay == 1) {
                    // the second delivery of the same status finds its effect booked
                    assertThat(step.stage()).isEqualTo(stage);
                    assertThat(step.reserve()).isZero();
                    assertThat(step.release()).isZero();
                }
                stage = step.stage();
            }
        }
        assertThat(reserved + committed).isLessThanOrEqualTo(quantity);
        assertThat(committed == 0 || committed == quantity).isTrue();
    }
}
