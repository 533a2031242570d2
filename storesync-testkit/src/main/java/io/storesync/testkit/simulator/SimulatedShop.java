package io.storesync.testkit.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The state of one simulated shop: its listings with the stock it shows, its orders, and every stock and price write
 * it accepted. Behaves like a shop that is its own stock system: placing an order lowers stock, cancelling restores
 * it. Thread-safe (every method locks the shop).
 */
public final class SimulatedShop {
    /** A stock write the shop accepted. */
    public record StockWrite(String productId, @Nullable String variantId, int quantity, Instant at) {}

    /** A price write the shop accepted. */
    public record PriceWrite(String productId, @Nullable String variantId, BigDecimal price, Instant at) {}

    private final String id;
    private final TreeMap<String, SimulatedListing> listings = new TreeMap<>();
    private final Map<String, SimulatedOrder> orders = new LinkedHashMap<>();
    private final List<StockWrite> stockWrites = new ArrayList<>();
    private final List<PriceWrite> priceWrites = new ArrayList<>();
    private final Set<String> refused = new HashSet<>();

    SimulatedShop(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** The shop's id on the platform. */
    public String id() {
        return id;
    }

    /** Adds or replaces listings. */
    public synchronized SimulatedShop add(List<SimulatedListing> items) {
        for (SimulatedListing l : items) listings.put(l.key(), l);
        return this;
    }

    /** Adds or replaces listings. */
    public SimulatedShop add(SimulatedListing... items) {
        return add(List.of(items));
    }

    /** Every listing, in key order (the order pages are served in). */
    public synchronized List<SimulatedListing> listings() {
        return List.copyOf(listings.values());
    }

    /** One listing. */
    public synchronized Optional<SimulatedListing> listing(String productId, @Nullable String variantId) {
        return Optional.ofNullable(listings.get(SimulatedListing.key(productId, variantId)));
    }

    /** The stock the shop shows for a listing. */
    public int stock(String productId, @Nullable String variantId) {
        return listing(productId, variantId).orElseThrow(() -> new IllegalArgumentException("no listing " + productId))
                .stock();
    }

    /** Writes to this product are refused item by item (the rest of a batch goes through). */
    public synchronized SimulatedShop refuseWritesTo(String productId) {
        refused.add(productId);
        return this;
    }

    /**
     * A buyer places an order: the shop lowers the stock of each line's listing (never below zero) and files the
     * order with status {@code awaiting_shipment}.
     */
    public synchronized SimulatedOrder placeOrder(String orderId, String currency, Instant at,
            List<SimulatedOrder.Line> lines) {
        BigDecimal total = BigDecimal.ZERO;
        for (SimulatedOrder.Line line : lines) {
            SimulatedListing l = listings.get(SimulatedListing.key(line.productId(), line.variantId()));
            if (l != null) listings.put(l.key(), l.withStock(Math.max(0, l.stock() - line.quantity())));
            total = total.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
        }
        SimulatedOrder order = new SimulatedOrder(orderId, "#" + orderId, "awaiting_shipment", currency, total,
                Map.of("name", "Buyer " + orderId), at, at, lines);
        orders.put(orderId, order);
        return order;
    }

    /** Changes an order's status at {@code at}; {@code cancelled} puts its stock back. */
    public synchronized SimulatedOrder changeStatus(String orderId, String status, Instant at) {
        SimulatedOrder order = Objects.requireNonNull(orders.get(orderId), "no order " + orderId);
        if (status.equalsIgnoreCase("cancelled") && !order.status().equalsIgnoreCase("cancelled")) {
            for (SimulatedOrder.Line line : order.lines()) {
                SimulatedListing l = listings.get(SimulatedListing.key(line.productId(), line.variantId()));
                if (l != null) listings.put(l.key(), l.withStock(l.stock() + line.quantity()));
            }
        }
        SimulatedOrder changed = order.withStatus(status, at);
        orders.put(orderId, changed);
        return changed;
    }

    /** Files an order as given (no stock effect): for orders with odd contents. */
    public synchronized SimulatedShop put(SimulatedOrder order) {
        orders.put(order.id(), order);
        return this;
    }

    /** One order. */
    public synchronized Optional<SimulatedOrder> order(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    /** The orders last changed in {@code [from, to)}, oldest change first (ties by id), as an order search returns them. */
    public synchronized List<SimulatedOrder> ordersChanged(Instant from, Instant to) {
        return orders.values().stream()
                .filter(o -> !o.updatedAt().isBefore(from) && o.updatedAt().isBefore(to))
                .sorted(Comparator.comparing(SimulatedOrder::updatedAt).thenComparing(SimulatedOrder::id))
                .toList();
    }

    /**
     * Sets a listing's stock as a client asked; the reason it was refused, or null when accepted. Public for
     * simulators in other packages (one per platform).
     */
    public synchronized @Nullable String writeStock(String productId, @Nullable String variantId, int quantity, Instant at) {
        SimulatedListing l = listings.get(SimulatedListing.key(productId, variantId));
        if (l == null) return "unknown product";
        if (refused.contains(productId)) return "product is locked";
        if (quantity < 0) return "quantity must not be negative";
        listings.put(l.key(), l.withStock(quantity));
        stockWrites.add(new StockWrite(productId, variantId, quantity, at));
        return null;
    }

    /**
     * Sets a listing's price as a client asked; the reason it was refused, or null when accepted. Public for
     * simulators in other packages (one per platform).
     */
    public synchronized @Nullable String writePrice(String productId, @Nullable String variantId, BigDecimal price, Instant at) {
        SimulatedListing l = listings.get(SimulatedListing.key(productId, variantId));
        if (l == null) return "unknown product";
        if (refused.contains(productId)) return "product is locked";
        if (price.signum() < 0) return "price must not be negative";
        listings.put(l.key(), l.withPrice(price));
        priceWrites.add(new PriceWrite(productId, variantId, price, at));
        return null;
    }

    /** Every stock write accepted, in order. */
    public synchronized List<StockWrite> stockWrites() {
        return List.copyOf(stockWrites);
    }

    /** Every price write accepted, in order. */
    public synchronized List<PriceWrite> priceWrites() {
        return List.copyOf(priceWrites);
    }

    @Override
    public String toString() {
        return "SimulatedShop[" + id + "]";
    }
}
