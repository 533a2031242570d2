package io.storesync.samples.spring.reports;

import io.storesync.jpa.model.Store;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files a store under a region: a write to the host's own table, in one read-model transaction that first checks,
 * through the read model, that the store is the bound tenant's (another tenant's store is not found, so one seller
 * can never label another's).
 */
@Service
class StoreRegions {
    @PersistenceContext(unitName = "storesync-read-model")
    private EntityManager em;
    private final StoreRegionRepository regions;

    StoreRegions(StoreRegionRepository regions) {
        this.regions = regions;
    }

    /** The region set, or empty when the bound tenant has no such store. */
    @Transactional("readModelTransactionManager")
    public Optional<StoreRegion> fileUnder(UUID storeId, String region) {
        if (em.find(Store.class, storeId) == null) return Optional.empty();
        StoreRegion row = regions.findById(storeId).orElseGet(() -> new StoreRegion(storeId, region));
        row.setRegion(region);
        return Optional.of(regions.save(row));
    }
}
