package io.storesync.spi.persistence;

import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.order.DailySales;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderId;
import io.storesync.api.order.OrderLine;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderQuery;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.store.StoreId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Storage of the order book: orders, their lines, and the stock each line holds as the ledger records it. Same contract as {@link ProductRepository}: the transaction's thread only, may block, only the transaction's
 * organization, failures are StoreSync exceptions.
 */
public interface OrderRepository {

    /** What ingestion needs to know of a store. */
    record StoreInfo(StoreId id, String platform, boolean restockOnReturn) {}

    /**
     * What an order upsert wrote; the engine, not the repository, decides what that means for the order book.
     *
     * @param storedUpdatedAt the stored order's platform update time when the snapshot was {@link Write#KEPT kept out},
     *     as the database holds it; {@code null} otherwise
     * @param storedPrecedence the stored order's precedence when the snapshot was kept out; {@code null} otherwise, or
     *     when the order was stored before precedences were kept
     */
    record Upserted(OrderId id, Write write, @Nullable Instant storedUpdatedAt, byte @Nullable [] storedPrecedence) {
        public Upserted {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(write, "write");
            if (write == Write.KEPT) Objects.requireNonNull(storedUpdatedAt, "storedUpdatedAt of a kept order");
        }

        /** An insert or a replacement, which report nothing of what was stored before. */
        public Upserted(OrderId id, Write write) {
            this(id, write, null, null);
        }
    }

    /** Whether an order upsert inserted a row, replaced the stored one, or left it as it was. */
    enum Write {
        /** No order with the snapshot's store and platform order id existed: the snapshot was inserted. */
        INSERTED,
        /** The stored order was older than the snapshot by the newest-snapshot rule, and was overwritten. */
        REPLACED,
        /** The stored order was as new as the snapshot or newer, and was left untouched. */
        KEPT
    }

    /** A stored line as ingestion sees it. */
    record StoredLine(UUID id, String platformLineId, @Nullable VariantId variantId, int quantity, OrderLine.StockStage stage) {}

    /** The stock a line holds at one location, from the ledger rows that reference it. */
    record LineStock(LocationId locationId, int reserved, int committed, int restocked) {}

    /** @return the store with what ingestion needs of its settings, or empty when it is not in this organization */
    Optional<StoreInfo> store(StoreId store);

    /**
     * Inserts the order, or overwrites the stored one (matched by store and platform order id) when the
     * newest-snapshot rule says the snapshot replaces it: the stored platform update time is absent, or the pair
     * (platform update time, precedence) stored is strictly before the snapshot's, precedences compared as unsigned
     * bytes left to right and an absent stored precedence coming first. Otherwise the stored order is left untouched
     * and its update time and precedence returned. The engine computes {@code precedence}; it is stored with the order.
     *
     * <p>The comparison and the write must be one conditional statement (in SQL, {@code INSERT ... ON CONFLICT DO
     * UPDATE ... WHERE (stored time, stored precedence) < (new time, new precedence)}), never a read followed by a
     * write: the order row is locked either way, so concurrent ingestions of one order run one after the other and
     * each compares against what the other wrote. Blocks on that lock; runs in the caller's transaction.
     */
    Upserted upsert(OrderSnapshot snapshot, byte[] precedence);

    /** A snapshot to upsert with the precedence the engine computed for it. */
    record SnapshotWrite(OrderSnapshot snapshot, byte[] precedence) {
        public SnapshotWrite {
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(precedence, "precedence");
        }
    }

    /**
     * {@link #upsert} for several snapshots of distinct orders, by the same rule and with the same row locks, taken
     * in the order given (the caller's lock order); results in that order. An implementation may write them in one
     * statement, which a page of a poll then pays once instead of once per order; this default writes them one by one.
     * Blocks on the row locks, in the caller's transaction; the snapshots must be of distinct orders (one statement
     * cannot update a row twice, and a second snapshot of an order must see the first), the caller sees to that. A
     * refusal of any snapshot's data fails the whole call, as {@link #upsert} fails for its one.
     */
    default List<Upserted> upsertAll(List<SnapshotWrite> writes) {
        return writes.stream().map(w -> upsert(w.snapshot(), w.precedence())).toList();
    }

    /**
     * Runs {@code work} - writes through any repository of this transaction - so that a refusal undoes its writes
     * alone: ingestion runs each snapshot so, and one order the database cannot take does not cost its page. On the
     * caller's thread, in its transaction; may block.
     *
     * @throws io.storesync.api.ValidationException when the database refused what {@code work} wrote because of its
     *     data (a value it cannot store, a constraint); the writes of {@code work} are undone and the transaction
     *     can go on
     * @throws RuntimeException whatever {@code work} threw itself, after undoing its writes; a failure of the
     *     database or the connection is rethrown without undoing anything, for the transaction must be abandoned
     */
    <R> R isolated(Supplier<R> work);

    /** The order's stored lines, by platform line id. */
    List<StoredLine> lines(OrderId order);

    /** A line's stock stage and shortfall after ingestion. */
    record LineState(UUID lineId, OrderLine.StockStage stage, int shortfall) {}

    /**
     * Inserts or updates lines by platform line id and maps each to a variant in the same statement.
     *
     * <p>The line-mapping rule, in order: (1) the store's active listing with the line's platform product id and
     * platform variant id (both absent variant ids match) names the variant; else (2) the line's SKU, when exactly one
     * variant of the organization carries it; else (3) the line stays unmapped - kept, flagged on the order and listed
     * as needing attention, never guessed. A line that already has a variant keeps it, whatever the listing or SKU
     * now say: its stock effects were booked against it.
     *
     * <p>The rule is stated here rather than coded in the engine because it is applied inside the line upsert: a page
     * of orders is mapped and written in one round trip, where reading listings and SKUs first would cost one more
     * per page. (New orders' lines are the exception, {@link #mapNewLines}: there the read replaces a second write of
     * every line, and their stock is booked on the variants it found.)
     *
     * @return the written lines
     */
    default List<StoredLine> upsertLines(OrderId order, StoreId store, List<OrderLineSnapshot> lines) {
        return upsertLines(List.of(new OrderLines(order, store, lines))).getOrDefault(order, List.of());
    }

    /** The lines of one order to upsert, with the store whose listings map them. */
    record OrderLines(OrderId order, StoreId store, List<OrderLineSnapshot> lines) {}

    /**
     * {@link #upsertLines(OrderId, StoreId, List)} for several orders in one statement, each line mapped by the same
     * rule; the written lines by order.
     */
    Map<OrderId, List<StoredLine>> upsertLines(List<OrderLines> orders);

    /**
     * The lines of orders that {@link #upsert} has just {@link Write#INSERTED inserted}, each mapped to a variant by
     * the rule of {@link #upsertLines(OrderId, StoreId, List)} and given its id, at stage {@code NONE}; the caller
     * then books their stock effects (which reference the line ids) and writes them with {@link #insertNewLines}.
     * A new order's lines are so written once, with their settled stage and shortfall, instead of inserted and then
     * updated: a line inserted and updated in one transaction is two row versions, an index entry for each of the
     * table's indexes twice, and its foreign keys checked twice.
     *
     * <p>An implementation that cannot map without writing may write the lines here, as {@link #upsertLines(List)}
     * does (this default), and only update their states in {@link #insertNewLines}. In the caller's transaction.
     *
     * @return the lines by order, in each order's snapshot order
     */
    default Map<OrderId, List<StoredLine>> mapNewLines(List<OrderLines> orders) {
        return upsertLines(orders);
    }

    /** A line returned by {@link #mapNewLines}, with the snapshot line it came from and its settled state. */
    record NewLine(OrderId order, StoredLine line, OrderLineSnapshot snapshot, OrderLine.StockStage stage, int shortfall) {
        public NewLine {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(stage, "stage");
        }
    }

    /**
     * Writes the lines {@link #mapNewLines} returned, each with its id, variant, stage and shortfall, in one
     * statement. This default suits the default {@link #mapNewLines}, which wrote them already: it writes their
     * states with {@link #setLineStates}, skipping those still at stage {@code NONE} with no shortfall.
     */
    default void insertNewLines(List<NewLine> lines) {
        List<LineState> states = lines.stream()
                .filter(l -> l.stage() != OrderLine.StockStage.NONE || l.shortfall() != 0)
                .map(l -> new LineState(l.line().id(), l.stage(), l.shortfall()))
                .toList();
        if (!states.isEmpty()) setLineStates(states);
    }

    /** Sets the quantity of the order's lines missing from {@code present} to zero. */
    void zeroLinesExcept(OrderId order, Collection<String> present);

    /** Stock held per line and location, summed from the ledger. */
    Map<UUID, List<LineStock>> lineStock(Collection<UUID> lineIds);

    /** Writes the stages and shortfalls of several lines in one statement. */
    void setLineStates(List<LineState> states);

    /** Sets the order's unmapped-lines flag and summed shortfall, which {@link #needingAttention} selects on. */
    void setFlags(OrderId order, boolean hasUnmappedLines, int shortfallQuantity);

    /** @return the order with its lines, or empty when it is not in this organization */
    Optional<Order> find(OrderId id);

    /** @return the store's order with this platform id, with its lines, or empty */
    Optional<Order> findByPlatformId(StoreId store, String platformOrderId);

    /** One page of matching orders, newest first, and the total number of matches. */
    Page<Order> search(OrderQuery query, PageRequest page);

    /** Orders with an unmapped line or a shortfall, newest first. */
    Page<Order> needingAttention(PageRequest page);

    /**
     * Sales per day (in {@code zone}), store and currency - and SKU when {@code bySku} - over orders neither
     * cancelled nor returned.
     */
    List<DailySales> dailySales(LocalDate from, LocalDate to, ZoneId zone, boolean bySku);
}
