package io.storesync.spi.persistence;

import io.storesync.api.store.StoreId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A tenant's price pushes. Valid only inside its transaction; every method may block on the database. */
public interface PricePushRepository {

    /** Active listings of the store whose price was never pushed or differs from the pushed one, after a mapping id. */
    List<PriceCandidate> priceCandidates(StoreId store, @Nullable UUID after, int limit);

    /** Records pushed prices. */
    void recordPrices(List<PriceCandidate> pushed);
}
