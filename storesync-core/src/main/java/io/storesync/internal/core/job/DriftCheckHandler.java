package io.storesync.internal.core.job;

import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.store.StockBuffer;
import io.storesync.api.store.StoreId;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.persistence.ListingMatch;
import io.storesync.spi.persistence.LogDetails;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Compares each listing's reported stock with what it should show and marks mismatches for a push. */
final class DriftCheckHandler implements JobHandler {
    @Override
    public void run(JobContext ctx) throws Exception {
        StoreSession s = ctx.session();
        StoreId store = s.store().id();
        StockBuffer buffer = s.store().settings().stockBuffer();
        String cursor = null;
        int checked = 0;
        int drifted = 0;
        do {
            String current = cursor;
            ListingPage page = ctx.call((c, access) -> c.listListings(access, current));
            int found = ctx.tx(tx -> markDrifted(tx, store, buffer, s.store().settings().pushStock(), page.listings()));
            if (found > 0) ctx.engine().jobsQueued();
            checked += page.listings().size();
            drifted += found;
            ctx.progress(Math.max(checked, page.total()), checked, drifted);
            cursor = page.nextCursor();
        } while (cursor != null);
        ctx.log(drifted > 0 ? "warn" : "info", "checked " + checked + " listing(s); " + drifted + " showed the wrong stock",
                LogDetails.of("checked", checked, "drifted", drifted));
    }

    /**
     * Records the stock each listing reports and, when the store pushes stock, marks for a push (and queues one) the
     * variants of mapped listings that show other than what they should; inside a tenant transaction.
     *
     * @return how many variants showed the wrong stock
     */
    static int markDrifted(TenantTransaction tx, StoreId store, StockBuffer buffer, boolean pushStock,
            List<ConnectorListing> listings) {
        Set<UUID> wrong = new LinkedHashSet<>();
        for (ConnectorListing l : listings) {
            if (l.stock() == null) continue;
            Optional<ListingMatch> m = tx.stockPushes().matchListing(store, l.platformProductId(), l.platformVariantId());
            if (m.isEmpty()) continue;
            tx.stockPushes().recordReported(m.get().mappingId(), Math.max(0, l.stock()));
            if (buffer.apply(m.get().available()) != l.stock()) wrong.add(m.get().variantId());
        }
        if (!wrong.isEmpty() && pushStock) {
            tx.stockPushes().markForPush(store, wrong);
            tx.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_PUSH, store).withPriority(50));
        }
        return wrong.size();
    }
}
