package io.storesync.samples.spring;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.order.Order;
import io.storesync.api.organization.OrganizationId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page of orders needing attention (unmapped lines or a stock shortfall) for one organization. A real host acts
 * as its signed-in user ({@code Actor.user(...)}), so that StoreSync checks the membership; this sample has no login
 * and acts as the system.
 */
@RestController
class OrdersController {
    private final StoreSync storeSync;

    OrdersController(StoreSync storeSync) {
        this.storeSync = storeSync;
    }

    @GetMapping("/organizations/{organization}/orders/attention")
    List<Map<String, Object>> needingAttention(@PathVariable("organization") String organization) {
        return storeSync.tenant(OrganizationId.of(organization), Actor.system("sample-orders-page"))
                .orders().needingAttention(PageRequest.first(50)).items().stream()
                .map(OrdersController::row).toList();
    }

    private static Map<String, Object> row(Order o) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("order", o.platformOrderId());
        row.put("status", o.status().name());
        row.put("total", o.totalAmount());
        row.put("currency", o.currency());
        return row;
    }
}
