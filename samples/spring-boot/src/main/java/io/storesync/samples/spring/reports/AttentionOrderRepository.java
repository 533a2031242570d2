package io.storesync.samples.spring.reports;

import io.storesync.jpa.model.Order;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Orders needing attention (a line StoreSync could not map to a variant, or a stock shortfall), with their lines and
 * the lines' variants fetched in the same query. A read-only {@code Repository}: StoreSync's entities are written
 * through the StoreSync API only ({@code CrudRepository.save} would be refused by the read model anyway).
 */
public interface AttentionOrderRepository extends Repository<Order, UUID> {
    @Query("""
            select distinct o from Order o
              join fetch o.lines l
              left join fetch l.variant
            where o.hasUnmappedLines = true or o.shortfallQuantity > 0
            order by o.orderedAt, o.id""")
    List<Order> needingAttention();
}
