package io.storesync.api.compliance;

import java.util.Objects;

/**
 * One thing the integrity check found wrong.
 *
 * @param kind what is wrong
 * @param subject the row it is about (an inventory item, variant, listing or order line id)
 * @param detail what was found and what it would take to fix it
 * @param repairable whether {@code Compliance.repair} fixes it (ledger sums by a correcting ledger row, missing push
 *     marks by a new mark); the others need a person's decision
 */
public record Discrepancy(Kind kind, String subject, String detail, boolean repairable) {
    public Discrepancy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
    }

    /** The checks. */
    public enum Kind {
        /** An item's on-hand counter differs from the sum of its ledger's quantity changes. */
        LEDGER_ON_HAND,
        /** An item's reserved counter differs from the sum of its ledger's reservation changes. */
        LEDGER_RESERVED,
        /** A variant's reserved stock is less than what its open order lines hold reserved. */
        RESERVED_BELOW_ORDERS,
        /** A counter is negative, or more is reserved than is on hand (the database's constraints forbid both). */
        NEGATIVE_COUNTER,
        /** An active listing points at an inactive variant (or one of another organization). */
        LISTING_INACTIVE_VARIANT,
        /** An order line's shortfall exceeds its quantity. */
        LINE_OVER_RESERVED,
        /** A variant's stock changed after its last push to an active listing and no push is pending. */
        PUSH_MISSING
    }
}
