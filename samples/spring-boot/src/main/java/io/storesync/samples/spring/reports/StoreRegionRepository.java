package io.storesync.samples.spring.reports;

import java.util.UUID;
import org.springframework.data.repository.CrudRepository;

/** The host's own entity: an ordinary, writable Spring Data repository in the read model's persistence unit. */
public interface StoreRegionRepository extends CrudRepository<StoreRegion, UUID> {}
