package io.storesync.spi.persistence;

import io.storesync.api.inventory.MovementType;
import io.storesync.api.organization.UserId;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a stock change writes into its ledger row besides the quantities. */
public record LedgerNote(MovementType type, @Nullable String referenceType, @Nullable UUID referenceId,
        @Nullable String note, @Nullable UserId createdBy) {
    public LedgerNote {
        Objects.requireNonNull(type, "type");
    }
}
