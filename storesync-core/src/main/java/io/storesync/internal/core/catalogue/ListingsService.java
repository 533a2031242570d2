package io.storesync.internal.core.catalogue;

import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.ListingId;
import io.storesync.api.catalogue.ListingPrice;
import io.storesync.api.catalogue.Listings;
import io.storesync.api.catalogue.NewListing;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.store.StoreId;
import io.storesync.internal.api.Check;
import io.storesync.internal.core.TenantHandle;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Listings with the role rules: everyone reads, writers change. */
public final class ListingsService implements Listings {
    private final TenantHandle tenant;

    public ListingsService(TenantHandle tenant) {
        this.tenant = tenant;
    }

    @Override
    public Listing link(NewListing listing) {
        Check.present(listing, "listing");
        return tenant.write("change listings", tx -> {
            Listing linked = tx.listings().insert(listing);
            // the platform shows whatever it had before the link; the variant's stock goes out with the next push
            tx.stockPushes().variantsChanged(List.of(linked.variant().value()));
            return linked;
        });
    }

    @Override
    public Listing changePrice(ListingId id, ListingPrice price) {
        Check.present(id, "id");
        Check.present(price, "price");
        Listing changed = tenant.write("change listings", tx -> {
            Listing l = tx.listings().updatePrice(id, price).orElseThrow(() -> notFound(id));
            // the new price reaches the platform through one waiting price push per store, queued with the change
            tx.jobs().enqueue(NewJob.deduplicated(JobType.PRICE_PUSH, l.store()));
            return l;
        });
        tenant.engine().jobsQueued();
        return changed;
    }

    @Override
    public Listing deactivate(ListingId id) {
        Check.present(id, "id");
        return tenant.write("change listings", tx -> tx.listings().setActive(id, false).orElseThrow(() -> notFound(id)));
    }

    @Override
    public void unlink(ListingId id) {
        Check.present(id, "id");
        tenant.write("change listings", tx -> {
            if (!tx.listings().delete(id)) throw notFound(id);
            return null;
        });
    }

    @Override
    public Optional<Listing> find(ListingId id) {
        Check.present(id, "id");
        return tenant.read(tx -> tx.listings().find(id));
    }

    @Override
    public Optional<Listing> findOnStore(StoreId store, String platformProductId, @Nullable String platformVariantId) {
        Check.present(store, "store");
        Check.storableText(Check.present(platformProductId, "platformProductId"), "platformProductId", Integer.MAX_VALUE);
        Check.storableText(platformVariantId, "platformVariantId", Integer.MAX_VALUE);
        return tenant.read(tx -> tx.listings().findByPlatform(store, platformProductId, platformVariantId));
    }

    @Override
    public List<Listing> ofVariant(VariantId variant) {
        Check.present(variant, "variant");
        return tenant.read(tx -> tx.listings().listByVariant(variant));
    }

    @Override
    public Page<Listing> ofStore(StoreId store, PageRequest page) {
        Check.present(store, "store");
        Check.present(page, "page");
        return tenant.read(tx -> tx.listings().listByStore(store, page));
    }

    private static NotFoundException notFound(ListingId id) {
        return new NotFoundException("listing " + id + " not found");
    }
}
