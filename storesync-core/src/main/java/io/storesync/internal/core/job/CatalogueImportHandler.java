package io.storesync.internal.core.job;

import io.storesync.api.store.StoreId;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.persistence.ImportResult;
import io.storesync.spi.persistence.LogDetails;

/** Pages through the store's listings within the rate limit and hands each page to the catalogue seam. */
final class CatalogueImportHandler implements JobHandler {
    @Override
    public void run(JobContext ctx) throws Exception {
        StoreSession s = ctx.session();
        StoreId store = s.store().id();
        String cursor = null;
        int processed = 0;
        int matched = 0;
        int unmatched = 0;
        int failed = 0;
        int pages = 0;
        do {
            String current = cursor;
            ListingPage page = ctx.call(c -> c.listListings(s.access(), current));
            ImportResult result = ctx.tx(tx -> ListingImport.upsert(tx, store, page.listings()));
            processed += page.listings().size();
            matched += result.matched();
            unmatched += result.unmatched().size();
            failed += result.failed().size();
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
        int p = processed, m = matched, u = unmatched, f = failed, n = pages;
        ctx.tx(tx -> {
            tx.jobs().log(ctx.job().id(), f > 0 ? "warn" : "info", "imported " + p + " listing(s): " + m + " matched, " + u
                    + " unmatched" + (f > 0 ? ", " + f + " refused" : ""),
                    LogDetails.of("listings", p, "matched", m, "unmatched", u, "refused", f, "pages", n));
            tx.stores().touchLastSync(store);
            return null;
        });
    }
}
