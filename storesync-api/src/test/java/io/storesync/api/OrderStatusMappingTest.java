package io.storesync.api;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.order.OrderStatusMapping;
import io.storesync.api.store.Platform;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderStatusMappingTest {

    @Test
    void everyShopeeStatusMapsAsDocumented() {
        Map<String, OrderStatus> expected = Map.ofEntries(
                Map.entry("UNPAID", OrderStatus.UNPAID),
                Map.entry("READY_TO_SHIP", OrderStatus.AWAITING_SHIPMENT),
                Map.entry("PROCESSED", OrderStatus.AWAITING_SHIPMENT),
                Map.entry("RETRY_SHIP", OrderStatus.AWAITING_SHIPMENT),
                Map.entry("SHIPPED", OrderStatus.SHIPPED),
                Map.entry("TO_CONFIRM_RECEIVE", OrderStatus.DELIVERED),
                Map.entry("IN_CANCEL", OrderStatus.CANCEL_REQUESTED),
                Map.entry("CANCELLED", OrderStatus.CANCELLED),
                Map.entry("TO_RETURN", OrderStatus.RETURN_REQUESTED),
                Map.entry("COMPLETED", OrderStatus.COMPLETED));
        expected.forEach((platform, unified) ->
                assertThat(OrderStatusMapping.map(Platform.SHOPEE, platform)).as(platform).isEqualTo(unified));
    }

    @Test
    void everyTikTokShopStatusMapsAsDocumented() {
        Map<String, OrderStatus> expected = Map.of(
                "UNPAID", OrderStatus.UNPAID,
                "ON_HOLD", OrderStatus.ON_HOLD,
                "AWAITING_SHIPMENT", OrderStatus.AWAITING_SHIPMENT,
                "PARTIALLY_SHIPPING", OrderStatus.PARTIALLY_SHIPPED,
                "AWAITING_COLLECTION", OrderStatus.AWAITING_SHIPMENT,
                "IN_TRANSIT", OrderStatus.SHIPPED,
                "DELIVERED", OrderStatus.DELIVERED,
                "COMPLETED", OrderStatus.COMPLETED,
                "CANCELLED", OrderStatus.CANCELLED);
        expected.forEach((platform, unified) ->
                assertThat(OrderStatusMapping.map(Platform.TIKTOK_SHOP, platform)).as(platform).isEqualTo(unified));
    }

    @Test
    void unknownStatusesMapToUnknownWithoutFailing() {
        assertThat(OrderStatusMapping.map(Platform.SHOPEE, "TELEPORTED")).isEqualTo(OrderStatus.UNKNOWN);
        assertThat(OrderStatusMapping.map(Platform.TIKTOK_SHOP, "")).isEqualTo(OrderStatus.UNKNOWN);
        assertThat(OrderStatusMapping.map("some_new_marketplace", "whatever")).isEqualTo(OrderStatus.UNKNOWN);
        assertThat(OrderStatusMapping.map(Platform.SHOPEE, null)).isEqualTo(OrderStatus.UNKNOWN);
    }

    @Test
    void customWebsitesMayUseTheUnifiedNamesInAnyCase() {
        assertThat(OrderStatusMapping.map(Platform.CUSTOM_WEBSITE, "awaiting_shipment")).isEqualTo(OrderStatus.AWAITING_SHIPMENT);
        assertThat(OrderStatusMapping.map(Platform.CUSTOM_WEBSITE, " Returned ")).isEqualTo(OrderStatus.RETURNED);
    }
}
