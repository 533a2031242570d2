package io.storesync.samples.spring.reports;

import io.storesync.jpa.model.Order;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sales per store joined with the host's {@link StoreRegion}: one persistence unit holds both, so JPQL joins them
 * (an entity join on the store id; the host's table needs no foreign key into StoreSync's schema). Cancelled and
 * returned orders sold nothing and are left out, as in the API's sales reports. Another tenant's stores never appear:
 * their orders are filtered out (row-level security and {@code @TenantId}) before the join.
 */
@Transactional(transactionManager = "readModelTransactionManager", readOnly = true)
public interface StoreSalesRepository extends Repository<Order, UUID> {
    @Query("""
            select new io.storesync.samples.spring.reports.StoreSales(s.id, s.name, r.region, o.currency, count(o),
                   sum(o.totalAmount))
            from Order o join o.store s left join StoreRegion r on r.storeId = s.id
            where o.status not in ('cancelled', 'returned')
            group by s.id, s.name, r.region, o.currency
            order by s.name, o.currency""")
    List<StoreSales> salesPerStore();
}
