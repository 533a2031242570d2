package io.storesync.internal.core.inventory;

import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Allocation;
import io.storesync.api.inventory.InsufficientStockException;
import io.storesync.api.inventory.Inventory;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.MovementType;
import io.storesync.api.inventory.ReorderSuggestion;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockLevel;
import io.storesync.api.inventory.StockMovement;
import io.storesync.api.inventory.StockResult;
import io.storesync.api.inventory.StockTotals;
import io.storesync.internal.api.Check;
import io.storesync.internal.core.TenantHandle;
import io.storesync.internal.core.compliance.Audit;
import io.storesync.spi.persistence.InventoryRepository;
import io.storesync.spi.persistence.LedgerNote;
import io.storesync.spi.persistence.TenantTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Stock operations. Java decides nothing about quantities: it plans (which location, how many) and each change is
 * a conditional statement in the database that either applies whole or not at all.
 */
public final class InventoryService implements Inventory {
    private final TenantHandle tenant;
    private final StockAllocator allocator;
    private final ReservationRounds rounds;

    public InventoryService(TenantHandle tenant, StockAllocator allocator, ReservationRounds rounds) {
        this.tenant = tenant;
        this.allocator = allocator;
        this.rounds = rounds;
    }

    @Override
    public StockResult receive(VariantId variant, LocationId location, int quantity, StockContext context) {
        Check.present(variant, "variant");
        Check.present(location, "location");
        Check.present(context, "context");
        positive(quantity);
        return change(context, fingerprint("receive", variant, location, quantity, context), tx -> {
            requireActive(tx, location);
            StockLevel level = addOnHand(tx, variant, location, quantity, note(MovementType.RECEIVE, context));
            return result(location, quantity, level);
        });
    }

    @Override
    public StockResult adjust(VariantId variant, LocationId location, int delta, StockContext context) {
        Check.present(variant, "variant");
        Check.present(location, "location");
        Check.present(context, "context");
        if (delta == 0) throw new ValidationException("delta must not be zero");
        return change(context, fingerprint("adjust", variant, location, delta, context), tx -> {
            // adding stock at an inactive location is refused as receive, restock, count and transfer refuse it;
            // taking stock out of one (a write-off while winding it down) stays allowed
            if (delta > 0) requireActive(tx, location);
            LedgerNote note = note(MovementType.ADJUST, context);
            StockLevel level = delta > 0
                    ? addOnHand(tx, variant, location, delta, note)
                    : tx.inventory().removeAvailable(variant, location, -delta, note)
                            .orElseThrow(() -> shortAt(tx, variant, location, -delta));
            return result(location, Math.abs(delta), level);
        });
    }

    @Override
    public StockResult count(VariantId variant, LocationId location, int counted, StockContext context) {
        Check.present(variant, "variant");
        Check.present(location, "location");
        Check.present(context, "context");
        if (counted < 0) throw new ValidationException("counted must not be negative, got " + counted);
        return change(context, fingerprint("count", variant, location, counted, context), tx -> {
            requireVariant(tx, variant);
            requireActive(tx, location);
            StockLevel level = tx.inventory().setCounted(variant, location, counted, note(MovementType.COUNT, context))
                    .orElseThrow(() -> {
                        StockLevel now = levelOrZero(tx, variant, location);
                        return new InsufficientStockException(sku(tx, variant), now.reserved(), counted);
                    });
            return new StockResult(counted == 0 ? List.of() : List.of(new Allocation(location, counted)), List.of(level), false);
        });
    }

    @Override
    public StockResult transfer(VariantId variant, LocationId from, LocationId to, int quantity, StockContext context) {
        Check.present(variant, "variant");
        Check.present(context, "context");
        positive(quantity);
        Check.present(from, "from");
        Check.present(to, "to");
        if (from.equals(to)) throw new ValidationException("a transfer needs two different locations");
        return change(context, fingerprint("transfer", variant, from, quantity, context) + ":" + to, tx -> {
            requireActive(tx, to);
            tx.inventory().lockItems(variant, List.of(from, to));
            StockLevel out = tx.inventory().removeAvailable(variant, from, quantity, note(MovementType.TRANSFER_OUT, context))
                    .orElseThrow(() -> shortAt(tx, variant, from, quantity));
            StockLevel in = tx.inventory().addOnHand(variant, to, quantity, note(MovementType.TRANSFER_IN, context));
            return new StockResult(List.of(new Allocation(from, quantity), new Allocation(to, quantity)), List.of(out, in), false);
        });
    }

    @Override
    public StockResult reserve(VariantId variant, @Nullable LocationId location, int quantity, StockContext context) {
        Check.present(context, "context");
        positive(quantity);
        Check.present(variant, "variant");
        if (location != null && combinable(context)) {
            // a hot item's row lock serialises its reservations: concurrent ones by one actor share a transaction,
            // decided in arrival order under one lock hold (docs/design.md, "Hot SKU: reservations in rounds")
            if (!tenant.role().canWrite()) throw tenant.denied("move stock");
            LedgerNote note = note(MovementType.RESERVE, context);
            ReservationRounds.Key key = new ReservationRounds.Key(tenant.organizationId(), tenant.actor(), variant, location);
            return rounds.combiner.submit(key, new ReservationRounds.Request(quantity, note),
                    () -> reserveAlone(variant, location, quantity, context),
                    round -> reserveInTurn(variant, location, round));
        }
        return reserveAlone(variant, location, quantity, context);
    }

    private StockResult reserveAlone(VariantId variant, @Nullable LocationId location, int quantity, StockContext context) {
        return change(context, fingerprint("reserve", variant, location, quantity, context), tx -> {
            LedgerNote note = note(MovementType.RESERVE, context);
            if (location != null) {
                StockLevel level = tx.inventory().reserve(variant, location, quantity, note)
                        .orElseThrow(() -> {
                            requireActive(tx, location);
                            return shortAt(tx, variant, location, quantity);
                        });
                return result(location, quantity, level);
            }
            return allocate(tx, variant, quantity, note);
        });
    }

    /**
     * Only a plain reservation joins a round: one location, no idempotency key (a keyed call's claim and replay are
     * its own), in a transaction of StoreSync's own (not the host's, which the other callers must not share) and not
     * inside an audited call (whose row belongs in the call's own transaction).
     */
    private boolean combinable(StockContext context) {
        return context.idempotencyKey() == null && !Audit.inCall() && tenant.engine().persistence().ownTransactionHere();
    }

    /**
     * One round's reservations in one write transaction: the role checked once for the round's one actor, each
     * request decided in arrival order on what the earlier ones left, each refused one getting the exception a call
     * of its own would have got. A failure of the transaction fails the whole round (the combiner tells every caller).
     */
    private List<Combiner.Outcome<StockResult>> reserveInTurn(VariantId variant, LocationId location,
            List<ReservationRounds.Request> round) {
        return tenant.write("move stock", tx -> {
            List<InventoryRepository.Reservation> requests = new ArrayList<>(round.size());
            for (ReservationRounds.Request r : round) {
                requests.add(new InventoryRepository.Reservation(variant, location, r.quantity(), r.note()));
            }
            List<Optional<StockLevel>> levels = tx.inventory().reserveInTurn(requests);
            StockLevel last = null;
            for (Optional<StockLevel> l : levels) {
                if (l.isPresent()) last = l.get();
            }
            // nothing applied: an inactive or unknown location refuses them all, as it refuses a call of its own
            if (last == null) requireActive(tx, location);
            StockLevel now = last != null ? last : levelOrZero(tx, variant, location);
            // a refused request found what is available now plus what the applied requests after it took
            List<Combiner.Outcome<StockResult>> outcomes = new ArrayList<>(Collections.nCopies(round.size(), null));
            int takenAfter = 0;
            String sku = null;
            for (int i = round.size() - 1; i >= 0; i--) {
                int quantity = round.get(i).quantity();
                Optional<StockLevel> level = levels.get(i);
                if (level.isPresent()) {
                    outcomes.set(i, Combiner.Outcome.of(result(location, quantity, level.get())));
                    takenAfter += quantity;
                } else {
                    if (sku == null) sku = sku(tx, variant);
                    outcomes.set(i, Combiner.Outcome.failed(
                            new InsufficientStockException(sku, quantity, now.available() + takenAfter)));
                }
            }
            return List.copyOf(outcomes);
        });
    }

    /** All or nothing: a shortfall rolls back what was reserved on the way. */
    private StockResult allocate(TenantTransaction tx, VariantId variant, int quantity, LedgerNote note) {
        StockAllocator.Reserved reserved = allocator.reserveUpTo(tx, variant, quantity, note);
        if (reserved.quantity() < quantity) {
            throw new InsufficientStockException(sku(tx, variant), quantity, reserved.quantity() + reserved.stillAvailable());
        }
        return new StockResult(reserved.allocations(), reserved.levels(), false);
    }

    @Override
    public StockResult release(VariantId variant, LocationId location, int quantity, StockContext context) {
        Check.present(variant, "variant");
        Check.present(location, "location");
        Check.present(context, "context");
        positive(quantity);
        return change(context, fingerprint("release", variant, location, quantity, context), tx -> {
            StockLevel level = tx.inventory().release(variant, location, quantity, note(MovementType.RELEASE, context))
                    .orElseThrow(() -> notReserved(tx, variant, location, quantity, "release"));
            return result(location, quantity, level);
        });
    }

    @Override
    public StockResult commit(VariantId variant, LocationId location, int quantity, StockContext context) {
        Check.present(variant, "variant");
        Check.present(location, "location");
        Check.present(context, "context");
        positive(quantity);
        return change(context, fingerprint("commit", variant, location, quantity, context), tx -> {
            StockLevel level = tx.inventory().commit(variant, location, quantity, note(MovementType.COMMIT, context))
                    .orElseThrow(() -> notReserved(tx, variant, location, quantity, "ship"));
            return result(location, quantity, level);
        });
    }

    @Override
    public StockResult restock(VariantId variant, LocationId location, int quantity, StockContext context) {
        Check.present(variant, "variant");
        Check.present(location, "location");
        Check.present(context, "context");
        positive(quantity);
        return change(context, fingerprint("restock", variant, location, quantity, context), tx -> {
            requireActive(tx, location);
            StockLevel level = addOnHand(tx, variant, location, quantity, note(MovementType.RESTOCK, context));
            return result(location, quantity, level);
        });
    }

    @Override
    public StockLevel setReorderPoint(VariantId variant, LocationId location, int reorderPoint, int reorderQuantity) {
        Check.present(variant, "variant");
        Check.present(location, "location");
        if (reorderPoint < 0 || reorderQuantity < 0) {
            throw new ValidationException("reorder point and quantity must not be negative, got "
                    + reorderPoint + " and " + reorderQuantity);
        }
        return tenant.write("change reorder points", tx -> {
            requireVariant(tx, variant);
            requireActive(tx, location);
            return tx.inventory().setReorderPoint(variant, location, reorderPoint, reorderQuantity);
        });
    }

    @Override
    public StockLevel level(VariantId variant, LocationId location) {
        Check.present(location, "location");
        return tenant.read(tx -> {
            requireVariant(tx, variant);
            return levelOrZero(tx, variant, location);
        });
    }

    @Override
    public StockTotals totals(VariantId variant) {
        return tenant.read(tx -> {
            requireVariant(tx, variant);
            int[] active = tx.inventory().activeTotals(variant);
            return new StockTotals(variant, active[0], active[1], tx.inventory().levels(variant));
        });
    }

    @Override
    public List<ReorderSuggestion> reorderReport() {
        return tenant.report(tx -> tx.inventory().reorderReport());
    }

    @Override
    public Page<StockMovement> movements(VariantId variant, PageRequest page) {
        Check.present(page, "page");
        return tenant.report(tx -> {
            requireVariant(tx, variant);
            return tx.inventory().movements(variant, page);
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    private StockResult change(StockContext context, String fingerprint, Function<TenantTransaction, StockResult> work) {
        Check.present(context, "context");
        String key = context.idempotencyKey();
        return tenant.write("move stock", tx -> {
            if (key != null) {
                Optional<StockResult> first = tx.idempotency().claim(key, fingerprint);
                if (first.isPresent()) return first.get().asReplay();
            }
            StockResult result = work.apply(tx);
            if (key != null) tx.idempotency().complete(key, result);
            return result;
        });
    }

    private static StockLevel addOnHand(TenantTransaction tx, VariantId variant, LocationId location, int quantity,
            LedgerNote note) {
        requireVariant(tx, variant);
        return tx.inventory().addOnHand(variant, location, quantity, note);
    }

    private LedgerNote note(MovementType type, StockContext context) {
        return new LedgerNote(type, context.referenceType(), context.referenceId(), context.note(),
                tenant.actor().userId().orElse(null));
    }

    private static StockResult result(LocationId location, int quantity, StockLevel level) {
        return new StockResult(List.of(new Allocation(location, quantity)), List.of(level), false);
    }

    private static String fingerprint(String operation, VariantId variant, @Nullable LocationId location, int quantity,
            StockContext context) {
        return operation + ":" + variant + ":" + location + ":" + quantity + ":" + context.referenceType() + ":"
                + context.referenceId();
    }

    private static void positive(int quantity) {
        if (quantity <= 0) throw new ValidationException("quantity must be positive, got " + quantity);
    }

    private static void requireVariant(TenantTransaction tx, VariantId variant) {
        Check.present(variant, "variant");
        sku(tx, variant);
    }

    private static String sku(TenantTransaction tx, VariantId variant) {
        return tx.inventory().sku(variant).orElseThrow(() -> new NotFoundException("variant " + variant + " not found"));
    }

    private static void requireActive(TenantTransaction tx, LocationId location) {
        Check.present(location, "location");
        if (!tx.inventory().locationActive(location)) {
            throw tx.locations().find(location).isPresent()
                    ? new ConflictException("location " + location + " is inactive")
                    : LocationsService.notFound(location);
        }
    }

    private static StockLevel levelOrZero(TenantTransaction tx, VariantId variant, LocationId location) {
        return tx.inventory().level(variant, location)
                .orElseGet(() -> new StockLevel(variant, location, 0, 0, 0, 0, Instant.EPOCH));
    }

    private static InsufficientStockException shortAt(TenantTransaction tx, VariantId variant, LocationId location,
            int requested) {
        return new InsufficientStockException(sku(tx, variant), requested, levelOrZero(tx, variant, location).available());
    }

    private static ConflictException notReserved(TenantTransaction tx, VariantId variant, LocationId location,
            int requested, String verb) {
        int reserved = levelOrZero(tx, variant, location).reserved();
        return new ConflictException("cannot " + verb + " " + requested + " of SKU '" + sku(tx, variant)
                + "' at location " + location + ": only " + reserved + " reserved there");
    }
}
