package io.storesync.internal.core.order;

import io.storesync.api.order.OrderLine.StockStage;
import io.storesync.api.order.OrderStatus;

/**
 * The stock stage machine of an order line: which stage an order's status asks for, and what moving a line there
 * takes, given what the ledger says the line already holds.
 *
 * <p>Open statuses reserve, shipping commits, cancelling releases (a return, once something shipped), and a return
 * restocks when the store says so. Stages only move forward: a released or returned line stays so, a committed line
 * is never reserved again, and an unknown status keeps the line where it is. Only the difference to what the line
 * holds is applied, so replaying a snapshot applies nothing twice.
 */
final class StockStages {
    private StockStages() {}

    /** The stage a line at {@code current} moves to for an order now in {@code status}. */
    static StockStage target(OrderStatus status, StockStage current) {
        StockStage wanted = switch (status) {
            case UNPAID, ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPED, CANCEL_REQUESTED -> StockStage.RESERVED;
            case SHIPPED, DELIVERED, COMPLETED, RETURN_REQUESTED -> StockStage.COMMITTED;
            case CANCELLED -> StockStage.RELEASED;
            case RETURNED -> StockStage.RETURNED;
            case UNKNOWN -> current;
        };
        if (current == StockStage.RELEASED || current == StockStage.RETURNED) return current;
        if (current == StockStage.COMMITTED && wanted == StockStage.RESERVED) return current;
        return wanted;
    }

    /**
     * One line's move, before it is applied.
     *
     * @param stage the stage the line ends in
     * @param outstanding units the line still has to ship (its quantity less what it shipped), for reserving stages
     * @param reserve units to reserve on top of what the line holds
     * @param release units of the line's reservation to give back
     * @param restock whether what the line shipped goes back on hand
     */
    record Step(StockStage stage, int outstanding, int reserve, int release, boolean restock) {}

    /**
     * The move of a line of {@code quantity} units at {@code current} for an order now in {@code status}, holding
     * {@code reserved} units and having shipped {@code committed} (both summed from the ledger). A committing step's
     * {@code reserve} is what must be reserved before shipping; what is left reserved after shipping is given back
     * by the caller, which alone knows what the commit achieved.
     */
    static Step step(OrderStatus status, StockStage current, int quantity, int reserved, int committed,
            boolean restockOnReturn) {
        StockStage target = target(status, current);
        int outstanding = Math.max(quantity - committed, 0);
        return switch (target) {
            case RESERVED -> new Step(StockStage.RESERVED, outstanding, Math.max(outstanding - reserved, 0),
                    Math.max(reserved - outstanding, 0), false);
            case COMMITTED -> new Step(StockStage.COMMITTED, outstanding, Math.max(outstanding - reserved, 0), 0, false);
            case RELEASED, RETURNED -> {
                boolean shippedBefore = committed > 0;
                yield new Step(shippedBefore ? StockStage.RETURNED : StockStage.RELEASED, 0, 0, Math.max(reserved, 0),
                        shippedBefore && restockOnReturn);
            }
            case NONE -> new Step(current, 0, 0, 0, false);
        };
    }
}
