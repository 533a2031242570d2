package io.storesync.api.inventory;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import java.util.Objects;

/**
 * A stock operation asked for more units than are available; nothing was changed.
 *
 * <p>{@link #requested()} and {@link #available()} say by how much the request fell short, so a host can offer the rest.
 */
public class InsufficientStockException extends StoreSyncException {
    private static final long serialVersionUID = 1L;
    private final String sku;
    private final int requested;
    private final int available;

    public InsufficientStockException(String sku, int requested, int available) {
        super(ErrorCode.INSUFFICIENT_STOCK,
                "Insufficient stock for SKU '" + sku + "': requested " + requested + ", available " + available);
        this.sku = Objects.requireNonNull(sku, "sku");
        this.requested = requested;
        this.available = available;
    }

    /** The variant SKU the request was for. */
    public String sku() {
        return sku;
    }

    /** Units asked for. */
    public int requested() {
        return requested;
    }

    /** Units that were available when the request was refused. */
    public int available() {
        return available;
    }
}
