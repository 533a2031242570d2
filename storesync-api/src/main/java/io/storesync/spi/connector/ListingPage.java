package io.storesync.spi.connector;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of listings and the cursor of the next page ({@code null} on the last page).
 *
 * @param total the platform's total count, or -1 when it does not say
 */
public record ListingPage(List<ConnectorListing> listings, @Nullable String nextCursor, int total) {
    public ListingPage {
        listings = List.copyOf(listings);
    }
}
