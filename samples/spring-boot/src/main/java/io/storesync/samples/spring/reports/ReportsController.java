package io.storesync.samples.spring.reports;

import io.storesync.jpa.model.Order;
import io.storesync.jpa.model.OrderItem;
import io.storesync.jpa.model.ProductVariant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The host's own report screens over StoreSync's read model. {@link ReadModelTenantFilter} has bound the path's
 * organization before any of these runs; the repositories only ever see that tenant's rows.
 */
@RestController
class ReportsController {
    private final AttentionOrderRepository attention;
    private final LowStockRepository lowStock;
    private final StoreSalesRepository sales;
    private final StoreRegions regions;

    ReportsController(AttentionOrderRepository attention, LowStockRepository lowStock, StoreSalesRepository sales,
                      StoreRegions regions) {
        this.attention = attention;
        this.lowStock = lowStock;
        this.sales = sales;
        this.regions = regions;
    }

    @GetMapping("/organizations/{organization}/reports/orders-needing-attention")
    List<Map<String, Object>> ordersNeedingAttention() {
        // lines and their variants were fetched by the query: nothing here loads lazily after the transaction
        return attention.needingAttention().stream().map(ReportsController::order).toList();
    }

    @GetMapping("/organizations/{organization}/reports/low-stock")
    List<LowStock> lowStock() {
        return lowStock.belowReorderPoint();
    }

    @GetMapping("/organizations/{organization}/reports/sales-per-store")
    List<StoreSales> salesPerStore() {
        return sales.salesPerStore();
    }

    @PutMapping("/organizations/{organization}/reports/stores/{store}/region")
    ResponseEntity<Map<String, Object>> fileUnder(@PathVariable("store") UUID store, @RequestBody String region) {
        String name = region.strip();
        if (name.isEmpty() || name.length() > 100) return ResponseEntity.badRequest().build();
        return regions.fileUnder(store, name)
                .map(r -> ResponseEntity.ok(Map.<String, Object>of("store", r.getStoreId(), "region", r.getRegion())))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private static Map<String, Object> order(Order o) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", o.getId());
        row.put("order", o.getPlatformOrderId());
        row.put("unmappedLines", o.isHasUnmappedLines());
        row.put("shortfall", o.getShortfallQuantity());
        row.put("total", o.getTotalAmount());
        row.put("currency", o.getCurrency());
        row.put("lines", o.getLines().stream().map(ReportsController::line).toList());
        return row;
    }

    private static Map<String, Object> line(OrderItem l) {
        Map<String, Object> row = new LinkedHashMap<>();
        ProductVariant variant = l.getVariant();
        row.put("name", l.getName());
        row.put("sku", l.getSku());
        row.put("quantity", l.getQuantity());
        row.put("shortfall", l.getShortfallQuantity());
        row.put("variantSku", variant == null ? null : variant.getVariantSku());
        return row;
    }
}
