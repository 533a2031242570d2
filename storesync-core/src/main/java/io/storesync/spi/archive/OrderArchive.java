package io.storesync.spi.archive;

import io.storesync.api.organization.OrganizationId;
import io.storesync.internal.core.compliance.GzipJsonLinesArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Receives finished orders, each with its lines, before the retention purge deletes them. Optional: without one,
 * expired orders are deleted without a copy.
 *
 * <p>Called by the purge (a worker thread, or the caller of {@code Compliance.purgeExpired()}) inside the transaction
 * that then deletes the batch, so a failure deletes nothing and the batch is offered again at the next purge; the same
 * order may therefore be offered twice (after a crash between the archive's write and the commit). May block; may be
 * called concurrently for different organizations; must not return before the batch is durably stored.
 */
public interface OrderArchive {

    /**
     * Stores one batch of one organization's orders.
     *
     * @param organization the orders' organization
     * @param orders one JSON object per order (its columns, and {@code lines}: its order lines), at most 1,000
     * @throws IOException when the batch could not be stored: nothing of the batch is deleted
     */
    void archive(OrganizationId organization, List<String> orders) throws IOException;

    /**
     * The default archive: one gzip'd JSON Lines file per batch under {@code directory/<organization id>/}, named by
     * time and a random suffix, written to a temporary name, forced to disk and then renamed.
     */
    static OrderArchive gzipJsonLines(Path directory) {
        return new GzipJsonLinesArchive(directory);
    }
}
