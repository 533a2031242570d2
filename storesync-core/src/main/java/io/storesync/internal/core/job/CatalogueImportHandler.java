package io.storesync.internal.core.job;

import io.storesync.api.store.StockBuffer;
import io.storesync.api.store.StoreId;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.persistence.ImportResult;
import io.storesync.spi.persistence.LogDetails;
import org.jspecify.annotations.Nullable;

/**
 * Pages through the store's listings within the rate limit and hands each page to the catalogue seam. Each page is
 * stored in one transaction together with the cursor of the next, so a run that fails on page k is retried from page
 * k, not from the first page, and a run that stored a page before failing starts the count of attempts again (a
 * large catalogue on a flaky platform fails often but always gets further). A mapped listing that shows other stock than StoreSync's is marked for a push, so a
 * store connected with stale quantities is corrected without waiting for the next stock movement.
 */
final class CatalogueImportHandler implements JobHandler {
    @Override
    public void run(JobContext ctx) throws Exception {
        StoreSession s = ctx.session();
        StoreId store = s.store().id();
        StockBuffer buffer = s.store().settings().stockBuffer();
        boolean pushStock = s.store().settings().pushStock();
        String worker = ctx.pool().workerId();
        @Nullable String resumed = ctx.tx(tx -> tx.jobs().checkpoint(ctx.job().id())).orElse(null);
        if (resumed != null) ctx.log("info", "resuming the import after the last stored page", null);
        String cursor = resumed;
        int processed = 0;
        int matched = 0;
        int unmatched = 0;
        int failed = 0;
        int drifted = 0;
        int pages = 0;
        do {
            String current = cursor;
            ListingPage page = ctx.call((c, access) -> c.listListings(access, current));
            int[] marked = new int[1];
            boolean[] held = new boolean[1];
            ImportResult result = ctx.tx(tx -> {
                ImportResult r = ListingImport.upsert(tx, store, page.listings());
                marked[0] = DriftCheckHandler.markDrifted(tx, store, buffer, pushStock, page.listings());
                // the next page's cursor is stored with this page: a retry starts there (storing a page twice is harmless)
                held[0] = tx.jobs().saveCheckpoint(ctx.job().id(), worker, page.nextCursor());
                return r;
            });
            ctx.stopUnlessHeld(held[0]);
            ctx.stored();
            if (marked[0] > 0) ctx.engine().jobsQueued();
            processed += page.listings().size();
            matched += result.matched();
            unmatched += result.unmatched().size();
            failed += result.failed().size();
            drifted += marked[0];
            pages++;
            if (!result.failed().isEmpty()) {
                // a listing that cannot be stored is left out, not the page: the seller sees why in the job's log
                ctx.log("warn", result.failed().size() + " listing(s) refused and left unmapped",
                        LogDetails.of("listings", result.failed().stream().limit(100).toList()));
            }
            if (!result.unmatched().isEmpty()) {
                ctx.log("warn", result.unmatched().size() + " listing(s) match no variant by SKU",
                        LogDetails.of("skus", result.unmatched().stream().limit(100).toList()));
            }
            int total = page.total() >= 0 ? Math.max(page.total(), processed) : processed;
            ctx.progress(total, processed, unmatched + failed);
            cursor = page.nextCursor();
        } while (cursor != null);
        int p = processed, m = matched, u = unmatched, f = failed, d = drifted, n = pages;
        boolean resumedRun = resumed != null;
        ctx.tx(tx -> {
            tx.jobs().log(ctx.job().id(), f > 0 ? "warn" : "info", "imported " + p + " listing(s): " + m + " matched, " + u
                    + " unmatched" + (f > 0 ? ", " + f + " refused" : "") + (d > 0 ? ", " + d + " showing other stock" : "")
                    + (resumedRun ? " (this run resumed after a stored page)" : ""),
                    LogDetails.of("listings", p, "matched", m, "unmatched", u, "refused", f, "stock_differs", d, "pages", n,
                            "resumed", resumedRun));
            tx.stores().touchLastSync(store);
            return null;
        });
    }
}
