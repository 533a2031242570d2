package io.storesync.samples.spring.reports;

import io.storesync.jpa.model.InventoryItem;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stock at or below its reorder point, with the variant's SKU and name and its product's name: the same rule as the
 * API's {@code inventory().reorderReport()} (available = on hand − reserved ≤ a positive reorder point), here as a
 * JPQL projection a host can extend with its own columns and joins.
 */
@Transactional(transactionManager = "readModelTransactionManager", readOnly = true)
public interface LowStockRepository extends Repository<InventoryItem, UUID> {
    @Query("""
            select new io.storesync.samples.spring.reports.LowStock(v.id, v.variantSku, p.name, v.name, loc.name,
                   i.quantityOnHand, i.quantityReserved, i.reorderPoint, i.reorderQuantity)
            from InventoryItem i join i.variant v join v.product p join i.location loc
            where i.reorderPoint > 0 and i.quantityOnHand - i.quantityReserved <= i.reorderPoint
            order by i.quantityOnHand - i.quantityReserved, v.variantSku""")
    List<LowStock> belowReorderPoint();
}
