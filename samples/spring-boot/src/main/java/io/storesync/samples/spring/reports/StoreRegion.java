package io.storesync.samples.spring.reports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A host-owned entity: the sales region the seller files each of its StoreSync stores under. It lives in the host's
 * own schema ({@code sample_host}, created by {@link HostSchema}), not StoreSync's, and is writable: the read model's
 * guards refuse writes to StoreSync's entities and tables only.
 */
@Entity
@Table(schema = HostSchema.SCHEMA, name = "store_regions")
public class StoreRegion {
    @Id
    @Column(name = "store_id", nullable = false, updatable = false)
    private UUID storeId;

    @Column(name = "region", nullable = false, length = 100)
    private String region;

    protected StoreRegion() {}

    public StoreRegion(UUID storeId, String region) {
        this.storeId = storeId;
        this.region = region;
    }

    public UUID getStoreId() {
        return storeId;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }
}
