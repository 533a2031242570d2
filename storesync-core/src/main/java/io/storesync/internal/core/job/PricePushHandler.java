package io.storesync.internal.core.job;

import io.storesync.api.store.StoreId;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.spi.connector.PriceUpdate;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.persistence.LogDetails;
import io.storesync.spi.persistence.PriceCandidate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Pushes listing prices that were never pushed or changed since. */
final class PricePushHandler implements JobHandler {
    @Override
    public void run(JobContext ctx) throws Exception {
        StoreSession s = ctx.session();
        StoreId store = s.store().id();
        int batchSize = s.connector().limits().maxPriceBatch();
        UUID after = null;
        int pushed = 0;
        int refused = 0;
        while (true) {
            UUID a = after;
            List<PriceCandidate> candidates = ctx.tx(tx -> tx.pricePushes().priceCandidates(store, a, 500));
            if (candidates.isEmpty()) break;
            for (List<PriceCandidate> batch : Listings.batches(candidates, batchSize)) {
                List<PriceUpdate> updates = batch.stream()
                        .map(c -> new PriceUpdate(c.platformProductId(), c.platformVariantId(), c.price())).toList();
                List<PushResult> results = ctx.call((c, access) -> c.pushPrices(access, updates));
                Set<String> accepted = new java.util.HashSet<>();
                for (PushResult r : results) if (r.accepted()) accepted.add(Listings.key(r.platformProductId(), r.platformVariantId()));
                List<PriceCandidate> ok = batch.stream()
                        .filter(c -> accepted.contains(Listings.key(c.platformProductId(), c.platformVariantId()))).toList();
                ctx.tx(tx -> {
                    tx.pricePushes().recordPrices(ok);
                    return null;
                });
                pushed += ok.size();
                refused += batch.size() - ok.size();
                ctx.progress(pushed + refused, pushed, refused);
            }
            after = candidates.get(candidates.size() - 1).mappingId();
        }
        ctx.log(refused > 0 ? "warn" : "info", "pushed " + pushed + " price(s)" + (refused > 0 ? ", " + refused + " refused" : ""),
                LogDetails.of("pushed", pushed, "refused", refused));
    }
}
