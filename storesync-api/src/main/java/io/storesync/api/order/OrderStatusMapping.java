package io.storesync.api.order;

import io.storesync.api.store.Platform;
import io.storesync.internal.api.Check;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The documented mapping of each platform's order statuses to {@link OrderStatus}.
 *
 * <table>
 * <caption>Shopee (Open Platform v2 OrderStatus)</caption>
 * <tr><th>platform</th><th>unified</th><th>why</th></tr>
 * <tr><td>UNPAID</td><td>UNPAID</td><td></td></tr>
 * <tr><td>READY_TO_SHIP</td><td>AWAITING_SHIPMENT</td><td>paid, seller to arrange shipment</td></tr>
 * <tr><td>PROCESSED</td><td>AWAITING_SHIPMENT</td><td>shipment arranged, not yet with the carrier</td></tr>
 * <tr><td>RETRY_SHIP</td><td>AWAITING_SHIPMENT</td><td>pick-up failed, still with the seller</td></tr>
 * <tr><td>SHIPPED</td><td>SHIPPED</td><td></td></tr>
 * <tr><td>TO_CONFIRM_RECEIVE</td><td>DELIVERED</td><td>received by the buyer</td></tr>
 * <tr><td>IN_CANCEL</td><td>CANCEL_REQUESTED</td><td></td></tr>
 * <tr><td>CANCELLED</td><td>CANCELLED</td><td></td></tr>
 * <tr><td>TO_RETURN</td><td>RETURN_REQUESTED</td><td></td></tr>
 * <tr><td>COMPLETED</td><td>COMPLETED</td><td></td></tr>
 * <tr><td>INVOICE_PENDING, PENDING</td><td>ON_HOLD</td><td>seen in the wild: held before shipment</td></tr>
 * </table>
 *
 * <table>
 * <caption>TikTok Shop (202309 order_status)</caption>
 * <tr><th>platform</th><th>unified</th><th>why</th></tr>
 * <tr><td>UNPAID</td><td>UNPAID</td><td></td></tr>
 * <tr><td>ON_HOLD</td><td>ON_HOLD</td><td></td></tr>
 * <tr><td>AWAITING_SHIPMENT</td><td>AWAITING_SHIPMENT</td><td></td></tr>
 * <tr><td>PARTIALLY_SHIPPING</td><td>PARTIALLY_SHIPPED</td><td></td></tr>
 * <tr><td>AWAITING_COLLECTION</td><td>AWAITING_SHIPMENT</td><td>packed, waiting for the carrier's pick-up</td></tr>
 * <tr><td>IN_TRANSIT</td><td>SHIPPED</td><td></td></tr>
 * <tr><td>DELIVERED</td><td>DELIVERED</td><td></td></tr>
 * <tr><td>COMPLETED</td><td>COMPLETED</td><td></td></tr>
 * <tr><td>CANCELLED</td><td>CANCELLED</td><td></td></tr>
 * </table>
 *
 * <p>For {@code custom_website} (and any other platform) the platform status may be a unified status name in any
 * case. Anything else maps to {@link OrderStatus#UNKNOWN}; it never fails.
 */
public final class OrderStatusMapping {
    private static final Map<String, OrderStatus> SHOPEE = Map.ofEntries(
            Map.entry("UNPAID", OrderStatus.UNPAID),
            Map.entry("READY_TO_SHIP", OrderStatus.AWAITING_SHIPMENT),
            Map.entry("PROCESSED", OrderStatus.AWAITING_SHIPMENT),
            Map.entry("RETRY_SHIP", OrderStatus.AWAITING_SHIPMENT),
            Map.entry("SHIPPED", OrderStatus.SHIPPED),
            Map.entry("TO_CONFIRM_RECEIVE", OrderStatus.DELIVERED),
            Map.entry("IN_CANCEL", OrderStatus.CANCEL_REQUESTED),
            Map.entry("CANCELLED", OrderStatus.CANCELLED),
            Map.entry("TO_RETURN", OrderStatus.RETURN_REQUESTED),
            Map.entry("COMPLETED", OrderStatus.COMPLETED),
            Map.entry("INVOICE_PENDING", OrderStatus.ON_HOLD),
            Map.entry("PENDING", OrderStatus.ON_HOLD));
    private static final Map<String, OrderStatus> TIKTOK_SHOP = Map.of(
            "UNPAID", OrderStatus.UNPAID,
            "ON_HOLD", OrderStatus.ON_HOLD,
            "AWAITING_SHIPMENT", OrderStatus.AWAITING_SHIPMENT,
            "PARTIALLY_SHIPPING", OrderStatus.PARTIALLY_SHIPPED,
            "AWAITING_COLLECTION", OrderStatus.AWAITING_SHIPMENT,
            "IN_TRANSIT", OrderStatus.SHIPPED,
            "DELIVERED", OrderStatus.DELIVERED,
            "COMPLETED", OrderStatus.COMPLETED,
            "CANCELLED", OrderStatus.CANCELLED);

    private OrderStatusMapping() {}

    /** The unified status of {@code platformStatus} on {@code platform} ({@link Platform#SHOPEE}, ...). */
    public static OrderStatus map(String platform, @Nullable String platformStatus) {
        Check.present(platform, "platform");
        if (platformStatus == null) return OrderStatus.UNKNOWN;
        String status = platformStatus.trim().toUpperCase(Locale.ROOT);
        OrderStatus mapped = switch (platform) {
            case Platform.SHOPEE -> SHOPEE.get(status);
            case Platform.TIKTOK_SHOP -> TIKTOK_SHOP.get(status);
            default -> unified(status);
        };
        return mapped == null ? OrderStatus.UNKNOWN : mapped;
    }

    private static @Nullable OrderStatus unified(String status) {
        for (OrderStatus s : OrderStatus.values()) {
            if (s.name().equals(status)) return s;
        }
        return null;
    }
}
