package io.storesync.samples.spring.reports;

import io.storesync.jpa.model.Order;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders needing attention (a line StoreSync could not map to a variant, or a stock shortfall), with their lines and
 * the lines' variants fetched in the same query. A read-only {@code Repository}: StoreSync's entities are written
 * through the StoreSync API only ({@code CrudRepository.save} would be refused by the read model anyway).
 *
 * <p>{@code @Transactional} is required, not decoration: Spring Data runs declared query methods without a
 * transaction unless told otherwise, and outside a transaction the read model binds no tenant in the database, so
 * row-level security shows nothing (the sample's first run returned empty reports until this was added). The same
 * holds for the other repositories here.
 */
@Transactional(transactionManager = "readModelTransactionManager", readOnly = true)
public interface AttentionOrderRepository extends Repository<Order, UUID> {
    @Query("""
            select distinct o from Order o
              join fetch o.lines l
              left join fetch l.variant
            where o.hasUnmappedLines = true or o.shortfallQuantity > 0
            order by o.orderedAt, o.id""")
    List<Order> needingAttention();
}
