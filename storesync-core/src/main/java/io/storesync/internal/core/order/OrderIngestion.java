package io.storesync.internal.core.order;

import io.storesync.api.NotFoundException;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationStock;
import io.storesync.api.inventory.MovementType;
import io.storesync.api.job.JobId;
import io.storesync.api.order.IngestResult;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderId;
import io.storesync.api.order.OrderLine.StockStage;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.api.Check;
import io.storesync.internal.core.inventory.StockAllocator;
import io.storesync.spi.persistence.LedgerNote;
import io.storesync.spi.persistence.LogDetails;
import io.storesync.spi.persistence.OrderRepository.LineState;
import io.storesync.spi.persistence.OrderRepository.LineStock;
import io.storesync.spi.persistence.OrderRepository.NewLine;
import io.storesync.spi.persistence.OrderRepository.OrderLines;
import io.storesync.spi.persistence.OrderRepository.StoreInfo;
import io.storesync.spi.persistence.OrderRepository.SnapshotWrite;
import io.storesync.spi.persistence.OrderRepository.StoredLine;
import io.storesync.spi.persistence.OrderRepository.Upserted;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order ingestion inside a caller's tenant transaction: used by {@code Orders.ingest} and by the sync engine's order
 * poll and webhook processing. The stock a line holds is read from the ledger rows that reference it, never from a
 * counter kept beside them, so replaying any snapshot finds the effect already there and applies nothing twice.
 */
public final class OrderIngestion {
    private static final Logger LOG = LoggerFactory.getLogger(OrderIngestion.class);
    static final String LINE_REFERENCE = "order_item";

    private final StockAllocator allocator;

    public OrderIngestion(StockAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * Ingests several snapshots in the caller's transaction, each isolated from the others: a snapshot the database or
     * the engine refuses because of its data is {@link IngestResult.Outcome#REJECTED rejected} with the reason, none of
     * it written, and the rest are ingested as if it had not been there. Results come back in the given order.
     *
     * <p>The page is first written together under one savepoint (one statement for all its order rows when they are
     * of distinct orders, one for all new orders' lines, one for their reservations); only when something in it is
     * refused is it rolled back and written snapshot by snapshot, each under a savepoint of its own. A good page
     * therefore costs two extra round trips, not two per order.
     */
    List<IngestResult> ingestAll(TenantTransaction tx, List<OrderSnapshot> snapshots, @Nullable UserId actor) {
        try {
            return tx.orders().isolated(() -> ingestTogether(tx, snapshots, actor));
        } catch (ValidationException | ArithmeticException refused) {
            LOG.debug("a page of {} order snapshot(s) was refused ({}); ingesting them one by one", snapshots.size(),
                    refused.getMessage());
        }
        List<IngestResult> results = new ArrayList<>(snapshots.size());
        for (OrderSnapshot s : snapshots) {
            try {
                results.add(tx.orders().isolated(() -> ingestTogether(tx, List.of(s), actor).get(0)));
            } catch (ValidationException | ArithmeticException refused) {
                String reason = reason(refused);
                LOG.warn("order {} of store {} was refused: {}", Check.quote(s.platformOrderId()), s.storeId(), reason);
                results.add(IngestResult.rejected(reason));
            }
        }
        return results;
    }

    /**
     * One snapshot, refusing it with the typed error when the database or the engine refuses its data, as
     * {@code Orders.ingest} promises; its writes are undone and the transaction stays usable.
     */
    IngestResult ingestOne(TenantTransaction tx, OrderSnapshot snapshot, @Nullable UserId actor) {
        try {
            return tx.orders().isolated(() -> ingestTogether(tx, List.of(snapshot), actor).get(0));
        } catch (ArithmeticException overflow) {
            throw new ValidationException("order " + Check.quote(snapshot.platformOrderId()) + " was refused: "
                    + reason(overflow), overflow);
        }
    }

    /** Why a snapshot was refused, for its result and the job's log. */
    private static String reason(RuntimeException refused) {
        String message = refused instanceof ArithmeticException
                ? "its quantities overflow what an order can hold (" + refused.getMessage() + ")"
                : String.valueOf(refused.getMessage());
        return message.length() <= 500 ? message : message.substring(0, 500) + "...";
    }

    /**
     * Ingests several snapshots in one lock order (store, then platform order id) so that two workers ingesting
     * overlapping pages cannot deadlock; results come back in the given order.
     */
    private List<IngestResult> ingestTogether(TenantTransaction tx, List<OrderSnapshot> snapshots, @Nullable UserId actor) {
        List<OrderSnapshot> ordered = snapshots.stream()
                .sorted(Comparator.comparing((OrderSnapshot s) -> s.storeId().value()).thenComparing(OrderSnapshot::platformOrderId))
                .toList();
        // new orders of a page are written and reserved together, after every order row is upserted; a page that
        // holds two snapshots of one order is taken one snapshot after the other instead, so the second sees the first
        boolean oneSnapshotPerOrder = ordered.stream().map(s -> s.storeId() + "/" + s.platformOrderId()).distinct().count()
                == ordered.size();
        Map<OrderSnapshot, IngestResult> byOrder = new IdentityHashMap<>();
        Map<StoreId, StoreInfo> stores = new HashMap<>();
        for (OrderSnapshot s : ordered) {
            stores.computeIfAbsent(s.storeId(), id -> tx.orders().store(id)
                    .orElseThrow(() -> new NotFoundException("store " + id + " not found")));
        }
        List<byte[]> precedences = ordered.stream().map(NewestSnapshot::precedence).toList();
        // distinct orders are upserted in one statement, which takes their row locks in this same order; two
        // snapshots of one order cannot share a statement (the second must see the first), so those go one by one
        List<Upserted> upserts = oneSnapshotPerOrder && ordered.size() > 1
                ? tx.orders().upsertAll(IntStream.range(0, ordered.size())
                        .mapToObj(i -> new SnapshotWrite(ordered.get(i), precedences.get(i))).toList())
                : null;
        List<Pending> created = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            OrderSnapshot s = ordered.get(i);
            StoreInfo store = stores.get(s.storeId());
            byte[] precedence = precedences.get(i);
            Upserted upserted = upserts != null ? upserts.get(i) : tx.orders().upsert(s, precedence);
            IngestResult.Outcome outcome = NewestSnapshot.outcome(upserted, s.platformUpdatedAt(), precedence);
            switch (outcome) {
                case CREATED -> {
                    Pending p = new Pending(s, upserted.id(), store, IngestResult.Outcome.CREATED, List.of(), Map.of());
                    if (oneSnapshotPerOrder) created.add(p);
                    else byOrder.putAll(applyCreated(tx, List.of(p), actor));
                }
                case UPDATED -> byOrder.put(s, applyUpdated(tx, s, upserted.id(), store, actor));
                case STALE, UNCHANGED -> {
                    Order current = tx.orders().find(upserted.id()).orElseThrow();
                    long unmapped = current.lines().stream().filter(l -> l.quantity() > 0 && l.variantId() == null).count();
                    byOrder.put(s, new IngestResult(upserted.id(), outcome, current.shortfallQuantity(), (int) unmapped));
                }
            }
        }
        if (!created.isEmpty()) byOrder.putAll(applyCreated(tx, created, actor));
        return snapshots.stream().map(byOrder::get).toList();
    }

    /** An upserted order whose lines and stock effects are still to be written. */
    private record Pending(OrderSnapshot snapshot, OrderId id, StoreInfo store, IngestResult.Outcome outcome,
            List<StoredLine> lines, Map<UUID, List<LineStock>> held) {}

    /**
     * New orders: their lines mapped to variants first (no ledger row can reference them yet), their stock effects
     * booked against the lines' ids, and then the lines written once, in one statement, with the stage and shortfall
     * those effects settled on - not inserted and then updated, which cost a second row version of every line.
     */
    private Map<OrderSnapshot, IngestResult> applyCreated(TenantTransaction tx, List<Pending> orders, @Nullable UserId actor) {
        Map<OrderId, List<StoredLine>> mapped = tx.orders().mapNewLines(orders.stream()
                .map(p -> new OrderLines(p.id(), p.snapshot().storeId(), p.snapshot().lines())).toList());
        List<Pending> pending = orders.stream().map(p -> new Pending(p.snapshot(), p.id(), p.store(), p.outcome(),
                mapped.getOrDefault(p.id(), List.of()), Map.of())).toList();
        return applyEffects(tx, pending, actor, states -> {
            List<NewLine> lines = new ArrayList<>();
            for (Pending p : pending) {
                Map<String, OrderLineSnapshot> byKey = new HashMap<>();
                for (OrderLineSnapshot l : p.snapshot().lines()) byKey.put(l.platformLineId(), l);
                for (StoredLine line : p.lines()) {
                    LineState state = states.get(line.id());
                    lines.add(new NewLine(p.id(), line, byKey.get(line.platformLineId()),
                            state == null ? line.stage() : state.stage(), state == null ? 0 : state.shortfall()));
                }
            }
            tx.orders().insertNewLines(lines);
        });
    }

    /** A newer snapshot of a known order: its lines as they now are, with what each already holds. */
    private IngestResult applyUpdated(TenantTransaction tx, OrderSnapshot s, OrderId id, StoreInfo store, @Nullable UserId actor) {
        tx.orders().upsertLines(id, s.storeId(), s.lines());
        tx.orders().zeroLinesExcept(id, s.lines().stream().map(OrderLineSnapshot::platformLineId).toList());
        List<StoredLine> lines = tx.orders().lines(id);
        Map<UUID, List<LineStock>> held =
                tx.orders().lineStock(lines.stream().filter(l -> l.variantId() != null).map(StoredLine::id).toList());
        return applyEffects(tx, List.of(new Pending(s, id, store, IngestResult.Outcome.UPDATED, lines, held)), actor,
                states -> {
                    if (!states.isEmpty()) tx.orders().setLineStates(List.copyOf(states.values()));
                }).get(s);
    }

    /**
     * A page of one store's orders from a poll or a webhook, on behalf of a sync job; logs what it did on the job,
     * and each rejected snapshot with its reason (a snapshot of another store than the job's is one).
     */
    public List<IngestResult> ingestPage(TenantTransaction tx, StoreId store, List<OrderSnapshot> orders, JobId job) {
        if (orders.isEmpty()) return List.of();
        List<OrderSnapshot> ours = orders.stream().filter(o -> o.storeId().equals(store)).toList();
        List<IngestResult> written = ours.isEmpty() ? List.of() : ingestAll(tx, ours, null);
        Map<OrderSnapshot, IngestResult> byOrder = new IdentityHashMap<>();
        for (int i = 0; i < ours.size(); i++) byOrder.put(ours.get(i), written.get(i));
        List<IngestResult> results = new ArrayList<>(orders.size());
        Map<IngestResult.Outcome, Integer> outcomes = new EnumMap<>(IngestResult.Outcome.class);
        long shortfall = 0;
        for (OrderSnapshot o : orders) {
            IngestResult r = byOrder.get(o);
            if (r == null) {
                r = IngestResult.rejected("the connector returned it for store " + store + " but it is of store " + o.storeId());
            }
            results.add(r);
            outcomes.merge(r.outcome(), 1, Integer::sum);
            shortfall += r.shortfallQuantity();
            if (r.outcome() == IngestResult.Outcome.REJECTED) {
                tx.jobs().log(job, "warn", "order " + Check.quote(o.platformOrderId()) + " was rejected and needs attention: "
                        + r.reason(), LogDetails.of("platformOrderId", Check.quote(o.platformOrderId()), "reason",
                        String.valueOf(r.reason()), "platformUpdatedAt", o.platformUpdatedAt()));
            }
        }
        boolean warn = shortfall > 0 || outcomes.containsKey(IngestResult.Outcome.REJECTED);
        tx.jobs().log(job, warn ? "warn" : "info", "ingested " + orders.size() + " order snapshot(s): " + outcomes
                        + (shortfall > 0 ? ", " + shortfall + " unit(s) short of stock" : ""),
                LogDetails.of("snapshots", orders.size(), "outcomes", outcomes.toString(), "shortfall", shortfall,
                        "orders", orders.stream().limit(50).map(o -> Check.quote(o.platformOrderId())).toList()));
        return results;
    }

    /**
     * Applies the stock effects of several upserted orders: every reservation their lines still need in one
     * statement, then the rest line by line, then hands the mapped lines' states (by line id, in line order) to
     * {@code writeStates}, which writes them in one statement.
     */
    private Map<OrderSnapshot, IngestResult> applyEffects(TenantTransaction tx, List<Pending> orders, @Nullable UserId actor,
            Consumer<Map<UUID, LineState>> writeStates) {
        Map<VariantId, List<LocationStock>> availability = tx.inventory().availability(orders.stream()
                .flatMap(p -> p.lines().stream()).map(StoredLine::variantId).filter(Objects::nonNull).distinct().toList());
        List<StoredLine> needing = new ArrayList<>();
        List<StockAllocator.Want> wants = new ArrayList<>();
        for (Pending p : orders) {
            for (StoredLine line : p.lines()) {
                int missing = line.variantId() == null ? 0
                        : unreserved(line, p.held().getOrDefault(line.id(), List.of()), p.snapshot().status());
                if (missing > 0) {
                    needing.add(line);
                    wants.add(new StockAllocator.Want(line.variantId(), missing, note(MovementType.RESERVE, line, p.snapshot(), actor)));
                }
            }
        }
        int[] got = allocator.reserveAll(tx, wants, availability);
        Map<UUID, Integer> reservedNow = new HashMap<>();
        for (int i = 0; i < needing.size(); i++) reservedNow.put(needing.get(i).id(), got[i]);

        Map<OrderSnapshot, IngestResult> results = new IdentityHashMap<>();
        Map<UUID, LineState> states = new LinkedHashMap<>();
        for (Pending p : orders) {
            OrderSnapshot s = p.snapshot();
            int shortfall = 0;
            int unmapped = 0;
            for (StoredLine line : p.lines()) {
                if (line.variantId() == null) {
                    if (line.quantity() > 0) unmapped++;
                    continue;
                }
                LineEffect effect = applyStock(tx, line, p.held().getOrDefault(line.id(), List.of()), s, actor, p.store(),
                        reservedNow.getOrDefault(line.id(), 0));
                states.put(line.id(), new LineState(line.id(), effect.stage(), effect.shortfall()));
                // bounded by the snapshot's limits to fit; checked so a wrong bound is a refused order, not a wrong flag
                shortfall = Math.addExact(shortfall, effect.shortfall());
            }
            if (unmapped > 0) {
                LOG.info("order {} of store {} has {} line(s) matching no listing or SKU", s.platformOrderId(), s.storeId(), unmapped);
            }
            // a new order starts with no flags: write them only when there is something to say
            if (p.outcome() != IngestResult.Outcome.CREATED || unmapped > 0 || shortfall > 0) {
                tx.orders().setFlags(p.id(), unmapped > 0, shortfall);
            }
            results.put(s, new IngestResult(p.id(), p.outcome(), shortfall, unmapped));
        }
        writeStates.accept(states);
        return results;
    }

    private record LineEffect(StockStage stage, int shortfall) {}

    /** Units the line still has to reserve for the stage its order's status asks for. */
    private static int unreserved(StoredLine line, List<LineStock> held, OrderStatus status) {
        // the store's restock setting plays no part in reserving
        return step(line, held, status, false).reserve();
    }

    private static StockStages.Step step(StoredLine line, List<LineStock> held, OrderStatus status, boolean restockOnReturn) {
        return StockStages.step(status, line.stage(), line.quantity(), held.stream().mapToInt(LineStock::reserved).sum(),
                held.stream().mapToInt(LineStock::committed).sum(), restockOnReturn);
    }

    /**
     * Moves one line from the stock stage it has to the one its order's status asks for; only the difference applies.
     * {@code reservedNow} is what the batch reservation just took for the line.
     */
    private LineEffect applyStock(TenantTransaction tx, StoredLine line, List<LineStock> held, OrderSnapshot s,
            @Nullable UserId actor, StoreInfo store, int reservedNow) {
        StockStages.Step step = step(line, held, s.status(), store.restockOnReturn());
        VariantId variant = line.variantId();
        switch (step.stage()) {
            case RESERVED -> {
                if (step.release() > 0) release(tx, line, held, step.release(), s, actor);
                return new LineEffect(StockStage.RESERVED, step.reserve() - reservedNow);
            }
            case COMMITTED -> {
                int wanted = step.outstanding();
                List<LineStock> now = tx.orders().lineStock(List.of(line.id())).getOrDefault(line.id(), List.of());
                int shipped = 0;
                for (LineStock at : now) {
                    int toShip = Math.min(at.reserved(), wanted - shipped);
                    if (toShip <= 0) continue;
                    if (tx.inventory().commit(variant, at.locationId(), toShip, note(MovementType.COMMIT, line, s, actor)).isPresent()) {
                        shipped += toShip;
                    } else {
                        LOG.warn("order line {}: {} reserved units at {} were released outside the order; not shipped from stock",
                                line.id(), toShip, at.locationId());
                    }
                }
                // the quantity may have dropped in the same snapshot that ships: what was reserved beyond it goes back
                int leftover = now.stream().mapToInt(LineStock::reserved).sum() - shipped;
                if (leftover > 0) {
                    release(tx, line, tx.orders().lineStock(List.of(line.id())).getOrDefault(line.id(), List.of()), leftover, s, actor);
                }
                return new LineEffect(StockStage.COMMITTED, wanted - shipped);
            }
            case RELEASED, RETURNED -> {
                if (step.release() > 0) release(tx, line, held, step.release(), s, actor);
                if (step.restock()) {
                    for (LineStock at : held) {
                        int back = at.committed() - at.restocked();
                        if (back > 0) tx.inventory().addOnHand(variant, at.locationId(), back, note(MovementType.RESTOCK, line, s, actor));
                    }
                }
                return new LineEffect(step.stage(), 0);
            }
            default -> {
                return new LineEffect(line.stage(), 0);
            }
        }
    }

    private void release(TenantTransaction tx, StoredLine line, List<LineStock> held, int units, OrderSnapshot s,
            @Nullable UserId actor) {
        int left = units;
        for (LineStock at : held) {
            int take = Math.min(at.reserved(), left);
            if (take <= 0) continue;
            if (tx.inventory().release(line.variantId(), at.locationId(), take, note(MovementType.RELEASE, line, s, actor)).isPresent()) {
                left -= take;
            } else {
                LOG.warn("order line {}: {} reserved units at {} were already released outside the order", line.id(), take, at.locationId());
            }
        }
    }

    private static LedgerNote note(MovementType type, StoredLine line, OrderSnapshot s, @Nullable UserId actor) {
        return new LedgerNote(type, LINE_REFERENCE, line.id(), "order " + s.platformOrderId(), actor);
    }
}
