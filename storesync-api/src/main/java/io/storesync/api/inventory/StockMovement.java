package io.storesync.api.inventory;

import io.storesync.api.catalogue.VariantId;
import io.storesync.api.organization.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One row of the append-only stock ledger. */
public record StockMovement(UUID id, VariantId variantId, LocationId locationId, MovementType type,
        int quantityChange, int reservedChange, @Nullable String referenceType, @Nullable UUID referenceId,
        @Nullable String note, @Nullable UserId createdBy, Instant createdAt) {
    public StockMovement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(variantId, "variantId");
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The member who caused it, if a member did. */
    public Optional<UserId> actor() {
        return Optional.ofNullable(createdBy);
    }
}
