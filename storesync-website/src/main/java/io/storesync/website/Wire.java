package io.storesync.website;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The contract's JSON, as records. Ids are bound to {@code String} so a site that sends them as JSON numbers above
 * 2^53 keeps every digit; money is {@code BigDecimal} so {@code 19.90} stays exact. Every field may be absent on the
 * wire (Jackson gives null); {@link WebsiteConnector} checks what it needs and reports a malformed body otherwise.
 */
final class Wire {
    private Wire() {}

    record ProductPage(@JsonProperty("items") @Nullable List<Product> items,
            @JsonProperty("next_cursor") @Nullable String nextCursor,
            @JsonProperty("total") @Nullable Integer total) {}

    record Product(@JsonProperty("product_id") @Nullable String productId,
            @JsonProperty("variant_id") @Nullable String variantId,
            @JsonProperty("sku") @Nullable String sku,
            @JsonProperty("price") @Nullable BigDecimal price,
            @JsonProperty("stock") @Nullable Integer stock,
            @JsonProperty("active") @Nullable Boolean active) {}

    record OrderPage(@JsonProperty("orders") @Nullable List<Order> orders,
            @JsonProperty("next_cursor") @Nullable String nextCursor) {}

    record Order(@JsonProperty("id") @Nullable String id,
            @JsonProperty("number") @Nullable String number,
            @JsonProperty("status") @Nullable String status,
            @JsonProperty("currency") @Nullable String currency,
            @JsonProperty("subtotal") @Nullable BigDecimal subtotal,
            @JsonProperty("tax") @Nullable BigDecimal tax,
            @JsonProperty("shipping") @Nullable BigDecimal shipping,
            @JsonProperty("discount") @Nullable BigDecimal discount,
            @JsonProperty("total") @Nullable BigDecimal total,
            @JsonProperty("customer") @Nullable Map<String, Object> customer,
            @JsonProperty("created_at") @Nullable String createdAt,
            @JsonProperty("updated_at") @Nullable String updatedAt,
            @JsonProperty("lines") @Nullable List<Line> lines) {}

    record Line(@JsonProperty("id") @Nullable String id,
            @JsonProperty("product_id") @Nullable String productId,
            @JsonProperty("variant_id") @Nullable String variantId,
            @JsonProperty("sku") @Nullable String sku,
            @JsonProperty("name") @Nullable String name,
            @JsonProperty("quantity") @Nullable Integer quantity,
            @JsonProperty("unit_price") @Nullable BigDecimal unitPrice,
            @JsonProperty("total") @Nullable BigDecimal total) {}

    record StockItem(@JsonProperty("product_id") String productId,
            @JsonProperty("variant_id") @Nullable String variantId,
            @JsonProperty("quantity") int quantity) {}

    record PriceItem(@JsonProperty("product_id") String productId,
            @JsonProperty("variant_id") @Nullable String variantId,
            @JsonProperty("price") BigDecimal price) {}

    record Batch<T>(@JsonProperty("items") List<T> items) {}

    record Lookup(@JsonProperty("ids") List<String> ids) {}

    record Results(@JsonProperty("results") @Nullable List<Result> results) {}

    record Result(@JsonProperty("product_id") @Nullable String productId,
            @JsonProperty("variant_id") @Nullable String variantId,
            @JsonProperty("ok") @Nullable Boolean ok,
            @JsonProperty("error") @Nullable String error) {}

    record Event(@JsonProperty("type") @Nullable String type,
            @JsonProperty("data") @Nullable JsonNode data) {}
}
